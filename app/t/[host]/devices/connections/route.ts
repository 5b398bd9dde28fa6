// GET /devices/connections — the devices page's data for the client-side refresh (same shape as the first render)
import { getPortalSession } from '@/lib/auth/get-portal-session';
import { notFoundResponse } from '@/lib/http/not-found-response';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';
import { loadDevicesData } from '@/lib/portal/devices-data';

export const dynamic = 'force-dynamic';

export async function GET(
  _request: Request,
  context: { params: Promise<{ host: string }> },
): Promise<Response> {
  const { host } = await context.params;
  // Route handlers sit outside the tenant layout's notFound(): a host that is no tenant's is 404 here too.
  if (!(await getTenantForHostSegment(host))) return notFoundResponse();
  const signedIn = await getPortalSession(host);
  if (!signedIn)
    return Response.json({ error: 'signed_out' }, { status: 401, headers: { 'cache-control': 'no-store' } });
  return Response.json(await loadDevicesData(signedIn), { headers: { 'cache-control': 'no-store' } });
}
