// GET /api/metrics — Prometheus text for this process (SPEC §18), only with
// `Authorization: Bearer $METRICS_TOKEN`; without METRICS_TOKEN the endpoint does not exist.
import { errorResponse } from '@/lib/api/errors';
import { getEnv } from '@/lib/env';
import { PortalError, notFound } from '@/lib/errors';
import { metricsText } from '@/lib/metrics/metrics-text';
import { constantTimeEqual } from '@/lib/security/hash';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const token = getEnv().METRICS_TOKEN;
  if (!token) return errorResponse(notFound('route'));
  const presented = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  if (!constantTimeEqual(presented, token)) {
    return errorResponse(
      new PortalError({
        type: 'authentication_error',
        code: 'metrics_token_invalid',
        message: 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.',
      }),
      { 'www-authenticate': 'Bearer' },
    );
  }
  const { contentType, body } = await metricsText();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}
