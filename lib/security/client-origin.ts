import { getEnv } from '@/lib/env';

/** Where a request came from, for audit rows and rate limits; requestId is proxy.ts's x-request-id. */
export type RequestOrigin = { ip?: string | null; userAgent?: string | null; requestId?: string | null };

/**
 * The client's address and user agent for audit and rate limits. proxy.ts removes client-sent
 * forwarding headers unless TRUST_PROXY is set, so x-forwarded-for here was set by Next.js from the
 * socket, or by the operator's load balancer.
 */
export function clientOrigin(headers: Headers): RequestOrigin {
  const forwarded = headers.get('x-forwarded-for') ?? '';
  const hops = forwarded
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const ip = (getEnv().TRUST_PROXY ? hops[0] : hops.at(-1)) ?? null;
  return { ip, userAgent: headers.get('user-agent'), requestId: headers.get('x-request-id') };
}
