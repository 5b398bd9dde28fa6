import { and, eq } from 'drizzle-orm';
import { type AuditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Database } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { PortalError } from '@/lib/errors';
import { emitEvent } from '@/lib/webhooks/emit-event';
import { type ConnectionRow, connectionObject } from './connection-row';
import { requireConnection } from './find-connection';

/**
 * Sandbox only: puts a connection into reauth_required or error (or back to active) so a tenant can
 * see how its users would experience a broken wearable.
 */
export async function setSandboxConnectionStatus(
  db: Database,
  input: {
    tenantId: string;
    connectionId: string;
    status: 'active' | 'reauth_required' | 'error';
    actor: AuditActor;
  },
): Promise<ConnectionRow> {
  // Locked like a disconnect locks it, so one that commits first is seen here and never undone.
  return db.transaction(async (tx) => {
    const current = await requireConnection(tx, {
      tenantId: input.tenantId,
      connectionId: input.connectionId,
      forUpdate: true,
    });
    if (current.source !== 'sandbox') {
      throw new PortalError({
        type: 'invalid_request_error',
        code: 'not_sandbox',
        message: 'Only sandbox connections can be changed this way.',
        param: 'connection_id',
      });
    }
    if (current.status === 'disconnected') {
      throw new PortalError({
        type: 'conflict',
        code: 'connection_disconnected',
        message: 'This connection is disconnected.',
        param: 'connection_id',
      });
    }
    const [row] = await tx
      .update(connections)
      .set({
        status: input.status,
        statusChangedAt: new Date(),
        statusReason: input.status === 'active' ? null : 'sandbox',
      })
      .where(and(eq(connections.tenantId, input.tenantId), eq(connections.id, current.id)))
      .returning();
    if (!row) throw new Error('connection update returned no row');
    if (input.status === 'reauth_required')
      await emitEvent(tx, {
        tenantId: input.tenantId,
        type: 'connection.reauth_required',
        data: { connection: connectionObject(row) },
      });
    await recordAuditEvent(tx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'connection.status_set',
      subjectId: row.id,
      data: { status: input.status },
    });
    return row;
  });
}
