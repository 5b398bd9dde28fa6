import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client';

/**
 * Serialises transactions that work on the same logical thing (e.g. one platform user), held until the
 * transaction ends. Used where two paths may create the same row at once: the platform's webhook and
 * the browser coming back from the platform.
 */
export async function lockTransactionOn(tx: DbOrTx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

export function platformUserLockKey(tenantId: string, externalUserId: string): string {
  return `platform-user:${tenantId}:${externalUserId}`;
}
