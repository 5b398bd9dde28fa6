import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { connectAttempts } from '@/lib/db/schema';
import { sha256Hex } from '@/lib/security/hash';

export type ConnectAttempt = typeof connectAttempts.$inferSelect;

const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The open attempt a state value names, within this tenant; undefined when unknown, used or expired. */
export async function findOpenConnectAttempt(
  db: DbOrTx,
  input: { tenantId: string; state: string },
): Promise<ConnectAttempt | undefined> {
  if (!STATE_PATTERN.test(input.state)) return undefined;
  const [attempt] = await db
    .select()
    .from(connectAttempts)
    .where(
      and(
        eq(connectAttempts.tenantId, input.tenantId),
        eq(connectAttempts.stateHash, sha256Hex(input.state)),
      ),
    )
    .limit(1);
  if (!attempt || attempt.completedAt || attempt.expiresAt.getTime() <= Date.now()) return undefined;
  return attempt;
}

/**
 * True while this user is in the middle of connecting this provider through the portal. The browser's
 * return then owns the connection row; a platform webhook or refresh that arrives first must not
 * create a second one.
 */
export async function hasOpenConnectAttempt(
  db: DbOrTx,
  input: { tenantId: string; referenceId: string; provider: string },
): Promise<boolean> {
  const [open] = await db
    .select({ id: connectAttempts.id })
    .from(connectAttempts)
    .where(
      and(
        eq(connectAttempts.tenantId, input.tenantId),
        eq(connectAttempts.referenceId, input.referenceId),
        eq(connectAttempts.provider, input.provider),
        isNull(connectAttempts.completedAt),
        gt(connectAttempts.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return open !== undefined;
}
