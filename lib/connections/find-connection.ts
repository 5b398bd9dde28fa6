import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { ConnectionRow } from './connection-row';

/**
 * A connection of this tenant, and of this user when a reference id is given; anything else is "not found".
 * `forUpdate` (inside a transaction) locks the row until it ends, so racing writers queue behind it.
 */
export async function requireConnection(
  db: DbOrTx,
  input: { tenantId: string; connectionId: string; referenceId?: string; forUpdate?: boolean },
): Promise<ConnectionRow> {
  const filters = [eq(connections.tenantId, input.tenantId), eq(connections.id, input.connectionId)];
  if (input.referenceId !== undefined) filters.push(eq(connections.referenceId, input.referenceId));
  const query = db
    .select()
    .from(connections)
    .where(and(...filters))
    .limit(1);
  const [row] = input.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('connection', 'connection_id');
  return row;
}
