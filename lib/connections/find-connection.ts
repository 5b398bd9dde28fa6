import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { ConnectionRow } from './connection-row';

/** `forUpdate` (inside a transaction) locks the row until it ends, so racing writers queue behind it. */
type ConnectionKey = { tenantId: string; connectionId: string; referenceId?: string; forUpdate?: boolean };

/** A connection of this tenant, and of this user when a reference id is given; else null. */
export async function findConnection(db: DbOrTx, input: ConnectionKey): Promise<ConnectionRow | null> {
  const filters = [eq(connections.tenantId, input.tenantId), eq(connections.id, input.connectionId)];
  if (input.referenceId !== undefined) filters.push(eq(connections.referenceId, input.referenceId));
  const query = db
    .select()
    .from(connections)
    .where(and(...filters))
    .limit(1);
  const [row] = input.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The same, where anything else is "not found" (one error for another tenant's, another user's or no connection). */
export async function requireConnection(db: DbOrTx, input: ConnectionKey): Promise<ConnectionRow> {
  const row = await findConnection(db, input);
  if (!row) throw notFound('connection', 'connection_id');
  return row;
}
