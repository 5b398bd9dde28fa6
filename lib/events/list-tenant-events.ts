import { and, desc, eq, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { eventListSchema } from '@/lib/api/schemas/events';
import type { DbOrTx } from '@/lib/db/client';
import { webhookEvents } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';

/** The tenant's event log, newest first, paged by the id of the last event already seen. */
export async function listTenantEvents(
  db: DbOrTx,
  input: { tenantId: string; startingAfter?: string; limit: number },
): Promise<z.output<typeof eventListSchema>> {
  const filters = [eq(webhookEvents.tenantId, input.tenantId)];
  if (input.startingAfter) {
    const [cursor] = await db
      .select({ seq: webhookEvents.seq })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.tenantId, input.tenantId), eq(webhookEvents.id, input.startingAfter)))
      .limit(1);
    if (!cursor) throw notFound('event', 'starting_after');
    filters.push(lt(webhookEvents.seq, cursor.seq));
  }
  const rows = await db
    .select()
    .from(webhookEvents)
    .where(and(...filters))
    .orderBy(desc(webhookEvents.seq))
    .limit(input.limit + 1);
  return {
    object: 'list',
    has_more: rows.length > input.limit,
    data: rows.slice(0, input.limit).map((row) => ({
      id: row.id,
      object: 'event',
      type: row.type,
      created_at: row.createdAt.toISOString(),
      data: row.data,
    })),
  };
}
