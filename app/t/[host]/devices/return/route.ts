// GET /devices/return — every connect flow comes back here; the outcome is confirmed with the platform
import { getPortalSession } from '@/lib/auth/get-portal-session';
import { notFoundResponse } from '@/lib/http/not-found-response';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';
import { unlessUnreachable } from '@/lib/connections/sources/connection-source';
import { completeConnection } from '@/lib/connections/complete-connection';
import { clientOrigin } from '@/lib/security/client-origin';

export const dynamic = 'force-dynamic';

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

export async function GET(
  request: Request,
  context: { params: Promise<{ host: string }> },
): Promise<Response> {
  const { host } = await context.params;
  // Route handlers sit outside the tenant layout's notFound(): a host that is no tenant's is 404 here too.
  if (!(await getTenantForHostSegment(host))) return notFoundResponse();
  const signedIn = await getPortalSession(host);
  if (!signedIn) return seeOther('/expired?reason=session');
  const query = new URL(request.url).searchParams;
  const completed = completeConnection(signedIn.db, {
    tenant: signedIn.tenant,
    session: signedIn.session,
    state: query.get('state') ?? '',
    query,
    origin: clientOrigin(request.headers),
  });
  const outcome = await unlessUnreachable(completed, 'unreachable');
  if (outcome === 'unreachable') return seeOther('/devices?connect_error=platform_unavailable');
  if (outcome.ok) {
    return seeOther(
      `/devices?${outcome.reconnected ? 'reconnected' : 'connected'}=${encodeURIComponent(outcome.provider)}`,
    );
  }
  const provider = outcome.provider ? `&provider=${encodeURIComponent(outcome.provider)}` : '';
  return seeOther(`/devices?connect_error=${outcome.reason}${provider}`);
}
