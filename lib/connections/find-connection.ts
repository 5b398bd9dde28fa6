import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { ConnectionRow } from './connection-row';

/** A connection of this tenant, and of this user when a reference id is given; anything else is "not found". */
export async function requireConnection(
  db: DbOrTx,
  input: { tenantId: string; connectionId: string; referenceId?: string },
): Promise<ConnectionRow> {
  const filters = [eq(connections.tenantId, input.tenantId), eq(connections.id, input.connectionId)];
  if (input.referenceId !== undefined) filters.push(eq(connections.referenceId, input.referenceId));
  const [row] = await db
    .select()
    .from(connections)
    .where(and(...filters))
    .limit(1);
  if (!row) throw notFound('connection', 'connection_id');
  return row;
}
