import { and, eq } from 'drizzle-orm';
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
 * Disconnects at the platform first; only when it confirms is the connection marked disconnected
 * (with its connection.deleted event in the same transaction). A second call returns the row as is.
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
  const current = await requireConnection(db, {
    tenantId: tenant.id,
    connectionId: input.connectionId,
    referenceId: input.referenceId,
  });
  if (current.status === 'disconnected') return current;
  await sourceForTenant(db, tenant).disconnect(tenant, current.referenceId, current.externalUserId);
  return db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .update(connections)
      .set({ status: 'disconnected', disconnectedAt: now, statusChangedAt: now, statusReason: null })
      .where(and(eq(connections.tenantId, tenant.id), eq(connections.id, current.id)))
      .returning();
    if (!row) throw new Error('connection update returned no row');
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
