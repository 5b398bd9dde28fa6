import { and, desc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import type { ConnectionRow } from './connection-row';
import type { ConnectionStatus } from './sources/connection-source';

/** A user's connections, newest first; disconnected ones only when asked for. */
export async function listConnectionsForUser(
  db: DbOrTx,
  input: { tenantId: string; referenceId: string; includeDisconnected?: boolean; status?: ConnectionStatus },
): Promise<ConnectionRow[]> {
  const filters = [eq(connections.tenantId, input.tenantId), eq(connections.referenceId, input.referenceId)];
  if (input.status) filters.push(eq(connections.status, input.status));
  else if (!input.includeDisconnected) filters.push(ne(connections.status, 'disconnected'));
  return db
    .select()
    .from(connections)
    .where(and(...filters))
    .orderBy(desc(connections.createdAt), desc(connections.id));
}
