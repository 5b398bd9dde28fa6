import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { preparedQuery } from '@/lib/db/prepared-query';
import { connections } from '@/lib/db/schema';
import type { ConnectionRow } from './connection-row';
import type { ConnectionStatus } from './sources/connection-source';

const newestFirst = [desc(connections.createdAt), desc(connections.id)];

/** The devices page's list (every portal page load), so it is prepared once rather than rebuilt. */
const connectedForUser = preparedQuery((db) =>
  db
    .select()
    .from(connections)
    .where(
      and(
        eq(connections.tenantId, sql.placeholder('tenantId')),
        eq(connections.referenceId, sql.placeholder('referenceId')),
        ne(connections.status, 'disconnected'),
      ),
    )
    .orderBy(...newestFirst)
    .prepare('connections_connected_for_user'),
);

/** A user's connections, newest first; disconnected ones only when asked for. */
export async function listConnectionsForUser(
  db: DbOrTx,
  input: { tenantId: string; referenceId: string; includeDisconnected?: boolean; status?: ConnectionStatus },
): Promise<ConnectionRow[]> {
  if (!input.status && !input.includeDisconnected)
    return connectedForUser(db).execute({ tenantId: input.tenantId, referenceId: input.referenceId });
  const filters = [eq(connections.tenantId, input.tenantId), eq(connections.referenceId, input.referenceId)];
  if (input.status) filters.push(eq(connections.status, input.status));
  return db
    .select()
    .from(connections)
    .where(and(...filters))
    .orderBy(...newestFirst);
}
