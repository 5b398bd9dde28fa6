import type { DbOrTx } from '@/lib/db/client';
import { hitRateLimit, isRateLimited } from '@/lib/security/rate-limit';
import { findPortalLinkByToken } from './find-portal-link';
import type { PortalLinkRow } from './portal-link-row';

export type PortalLinkLookup =
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'unknown' }
  | { kind: 'found'; link: PortalLinkRow };

const WINDOW_SECONDS = 60;

/**
 * The link a token names, for one client (its address). Only failed look-ups (unknown tokens) count,
 * per client; past the limit every look-up from there is refused before the token is checked, so
 * guessing learns nothing. Views of a valid link never count: a mail scanner that opens it thirty
 * times must not lock out its owner. There is deliberately no per-token limit: tokens carry 256
 * random bits, so guesses share no prefix worth limiting, and counting views would be that lock-out.
 */
export async function lookUpPortalLink(
  db: DbOrTx,
  input: {
    tenantId: string;
    token: string;
    clientIp: string | null | undefined;
    failureLimitPerMinute: number;
  },
): Promise<PortalLinkLookup> {
  const failureLimit = {
    key: `link-fail:${input.clientIp ?? 'unknown'}`,
    limit: input.failureLimitPerMinute,
    windowSeconds: WINDOW_SECONDS,
  };
  const failures = await isRateLimited(db, failureLimit);
  if (!failures.allowed) return { kind: 'throttled', retryAfterSeconds: failures.retryAfterSeconds };
  const link = await findPortalLinkByToken(db, { tenantId: input.tenantId, token: input.token });
  if (!link) {
    await hitRateLimit(db, failureLimit);
    return { kind: 'unknown' };
  }
  return { kind: 'found', link };
}
