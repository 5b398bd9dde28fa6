// POST /api/webhooks/{source}/{tenant slug} — a data platform's signed events for one tenant's account
import { readBodyText } from '@/lib/api/read-json-body';
import { receiveWebhookForTenant } from '@/lib/connections/receive-webhook-for-tenant';
import { WebhookSignatureError } from '@/lib/connections/sources/connection-source';
import { PortalError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

function json(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/** 404 unknown tenant or source, 413 too large, 401 bad signature, 200 otherwise (unknown event types too). */
export async function POST(
  request: Request,
  context: { params: Promise<{ source: string; slug: string }> },
): Promise<Response> {
  const { source, slug } = await context.params;
  let rawBody: string;
  try {
    rawBody = await readBodyText(request);
  } catch (error) {
    if (error instanceof PortalError) return json(413, { error: 'body too large' });
    throw error;
  }
  try {
    const receipt = await receiveWebhookForTenant({ source, slug, request, rawBody });
    if (!receipt) return json(404, { error: 'unknown tenant' });
    return json(200, { received: true, duplicate: receipt.duplicate });
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      const reason =
        error.reason === 'not_configured'
          ? 'webhooks are not configured for this tenant'
          : 'invalid signature';
      return json(401, { error: reason });
    }
    throw error;
  }
}
