import { and, eq, ne } from 'drizzle-orm';
import { type AuditActor, type RequestOrigin, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Database } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import type { Tenant } from '@/lib/tenants/tenant';
import { emitEvent } from '@/lib/webhooks/emit-event';
import { type ConnectionRow, connectionObject } from './connection-row';
import { requireConnection } from './find-connection';
import { sourceForTenant } from './source-for-tenant';

export type DisconnectInitiator = 'end_user' | 'api' | 'platform';

/**
 * Disconnects at the platform first; only when it confirms is the connection marked disconnected,
 * with its connection.deleted event and audit row, in the same transaction. A platform failure
 * rolls back and leaves the connection as it was.
 *
 * The row is locked (FOR UPDATE) before the platform call and until the commit, so requests racing
 * on one connection (API retries, double clicks) queue here: the first calls the platform once, the
 * rest find it disconnected and return it as is — one platform call, one event, one audit row.
 * No advisory lock is taken after the row lock: the webhook and sync paths take theirs before any
 * row lock, so the lock order stays acyclic. The platform answers before it sends its own `deauth`
 * webhook, so that webhook waits for this commit (on PGlite, for the whole transaction) and then
 * finds the row disconnected.
 */
export async function disconnectConnection(
  db: Database,
  input: {
    tenant: Tenant;
    connectionId: string;
    referenceId?: string;
    initiatedBy: DisconnectInitiator;
    actor: AuditActor;
    origin?: RequestOrigin;
  },
): Promise<ConnectionRow> {
  const { tenant } = input;
  return db.transaction(async (tx) => {
    const current = await requireConnection(tx, {
      tenantId: tenant.id,
      connectionId: input.connectionId,
      referenceId: input.referenceId,
      forUpdate: true,
    });
    if (current.status === 'disconnected') return current;
    await sourceForTenant(tx, tenant).disconnect(tenant, current.referenceId, current.externalUserId);
    const now = new Date();
    const [row] = await tx
      .update(connections)
      .set({ status: 'disconnected', disconnectedAt: now, statusChangedAt: now, statusReason: null })
      .where(
        and(
          eq(connections.tenantId, tenant.id),
          eq(connections.id, current.id),
          ne(connections.status, 'disconnected'),
        ),
      )
      .returning();
    if (!row) throw new Error('locked connection was changed by another writer');
    await emitEvent(tx, {
      tenantId: tenant.id,
      type: 'connection.deleted',
      data: { connection: connectionObject(row), initiated_by: input.initiatedBy },
    });
    await recordAuditEvent(tx, {
      tenantId: tenant.id,
      actor: input.actor,
      action: 'connection.deleted',
      subjectId: row.id,
      data: { provider: row.provider, initiated_by: input.initiatedBy },
      origin: input.origin,
    });
    return row;
  });
}
