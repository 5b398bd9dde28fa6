// GET /api/tls/ask?domain= — Caddy's on_demand_tls "ask": 200 when a certificate may be issued for
// the domain (a tenant's subdomain or verified custom domain), else 404. Caddy reads only the status.
import { z } from 'zod';
import { errorResponse, toErrorResponse, validationError } from '@/lib/api/errors';
import { notFound } from '@/lib/errors';
import { isServedHost } from '@/lib/tenants/is-served-host';

export const dynamic = 'force-dynamic';

const QUERY = z.object({
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    .regex(
      /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/,
      'must be a domain name',
    ),
});

export async function GET(request: Request): Promise<Response> {
  const input = { domain: new URL(request.url).searchParams.get('domain') ?? undefined };
  const parsed = QUERY.safeParse(input);
  if (!parsed.success) return errorResponse(validationError(parsed.error.issues, input));
  try {
    const served = await isServedHost(parsed.data.domain);
    if (!served) return errorResponse(notFound('tenant for this domain', 'domain'));
    return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error, request.headers.get('x-request-id') ?? undefined);
  }
}
