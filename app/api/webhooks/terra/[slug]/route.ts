// POST /api/webhooks/terra/{tenant slug} — Terra's signed events for one tenant's Terra account
import { handleTerraWebhook } from '@/lib/connections/handle-terra-webhook';

export const dynamic = 'force-dynamic';

export async function POST(
  request: Request,
  context: { params: Promise<{ slug: string }> },
): Promise<Response> {
  return handleTerraWebhook(request, (await context.params).slug);
}
