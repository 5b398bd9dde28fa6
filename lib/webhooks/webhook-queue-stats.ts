import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { webhookDeliveries } from '@/lib/db/schema';

/** Deliveries still to send across every tenant (an operator's figure), and how old the oldest is. */
export async function webhookQueueStats(
  db: DbOrTx,
  now: Date,
): Promise<{ depth: number; oldestAgeSeconds: number }> {
  const [row] = await db
    .select({
      depth: sql<number>`count(*)::int`,
      oldest: sql<string | null>`min(${webhookDeliveries.createdAt})`,
    })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.status, ['pending', 'delivering']));
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
  return {
    depth: row?.depth ?? 0,
    oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000),
  };
}
