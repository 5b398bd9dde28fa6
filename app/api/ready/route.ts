// GET /api/ready — the database answers; load balancers route traffic only when this is 200
import { isDatabaseReachable } from '@/lib/health/check-database';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const ready = await isDatabaseReachable();
  return Response.json(
    { status: ready ? 'ready' : 'unavailable' },
    { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
