// GET /l/{token} — interstitial (never redeems); POST /l/{token} — redeem and sign in
import { showPortalLink, submitPortalLink } from '@/lib/links/portal-link-requests';

type Context = { params: Promise<{ host: string; token: string }> };

export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: Context): Promise<Response> {
  const { host, token } = await context.params;
  return showPortalLink(request, { hostSegment: host, token });
}

export async function POST(request: Request, context: Context): Promise<Response> {
  const { host, token } = await context.params;
  return submitPortalLink(request, { hostSegment: host, token });
}
