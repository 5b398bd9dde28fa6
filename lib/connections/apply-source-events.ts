import { and, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { DbOrTx } from '@/lib/db/client';
import { lockTransactionOn, platformUserLockKey } from '@/lib/db/advisory-lock';
import { connections } from '@/lib/db/schema';
import { randomId } from '@/lib/security/random-id';
import type { Tenant } from '@/lib/tenants/tenant';
import { type EventType, emitEvent } from '@/lib/webhooks/emit-event';
import { type ConnectionRow, connectionObject } from './connection-row';
import { hasOpenConnectAttempt } from './connect-attempt';
import type { SourceEvent } from './sources/connection-source';

const STATUS_EVENTS: Partial<Record<ConnectionRow['status'], EventType>> = {
  reauth_required: 'connection.reauth_required',
  disconnected: 'connection.deleted',
};

async function findByExternalId(
  tx: DbOrTx,
  tenantId: string,
  externalUserId: string,
): Promise<ConnectionRow | undefined> {
  const [row] = await tx
    .select()
    .from(connections)
    .where(and(eq(connections.tenantId, tenantId), eq(connections.externalUserId, externalUserId)))
    .limit(1);
  return row;
}

/** Applies what a platform webhook reported to our connections, with their events, inside the caller's transaction. */
export async function applySourceEvents(
  tx: DbOrTx,
  input: { tenant: Tenant; events: SourceEvent[] },
): Promise<void> {
  const { tenant } = input;
  const now = new Date();
  const platform = { type: 'platform' as const };
  for (const event of input.events) {
    if (event.kind === 'connected') {
      await lockTransactionOn(tx, platformUserLockKey(tenant.id, event.externalUserId));
      const existing = await findByExternalId(tx, tenant.id, event.externalUserId);
      if (existing) {
        if (existing.status === 'active' || existing.status === 'disconnected') continue;
        const [row] = await tx
          .update(connections)
          .set({ status: 'active', statusReason: null, statusChangedAt: now })
          .where(and(eq(connections.tenantId, tenant.id), eq(connections.id, existing.id)))
          .returning();
        if (row)
          await emitEvent(tx, {
            tenantId: tenant.id,
            type: 'connection.reauthorized',
            data: { connection: connectionObject(row) },
          });
        continue;
      }
      if (!event.referenceId) continue; // a connection we cannot attribute to a user is not ours to show
      if (
        await hasOpenConnectAttempt(tx, {
          tenantId: tenant.id,
          referenceId: event.referenceId,
          provider: event.provider,
        })
      )
        continue;
      const [row] = await tx
        .insert(connections)
        .values({
          id: randomId('conn'),
          tenantId: tenant.id,
          referenceId: event.referenceId,
          provider: event.provider,
          source: tenant.source,
          status: 'active',
          externalUserId: event.externalUserId,
          connectedAt: now,
          statusChangedAt: now,
        })
        .returning();
      if (row)
        await emitEvent(tx, {
          tenantId: tenant.id,
          type: 'connection.created',
          data: { connection: connectionObject(row) },
        });
      continue;
    }
    if (event.kind === 'reauthorized') {
      const existing =
        (event.oldExternalUserId
          ? await findByExternalId(tx, tenant.id, event.oldExternalUserId)
          : undefined) ?? (await findByExternalId(tx, tenant.id, event.newExternalUserId));
      if (!existing) continue;
      const [row] = await tx
        .update(connections)
        .set({
          externalUserId: event.newExternalUserId,
          status: 'active',
          statusReason: null,
          statusChangedAt: now,
          disconnectedAt: null,
        })
        .where(and(eq(connections.tenantId, tenant.id), eq(connections.id, existing.id)))
        .returning();
      if (row)
        await emitEvent(tx, {
          tenantId: tenant.id,
          type: 'connection.reauthorized',
          data: { connection: connectionObject(row) },
        });
      continue;
    }
    const existing = await findByExternalId(tx, tenant.id, event.externalUserId);
    if (!existing || existing.status === event.status || existing.status === 'disconnected') continue;
    const [row] = await tx
      .update(connections)
      .set({
        status: event.status,
        statusReason: event.reason,
        statusChangedAt: now,
        ...(event.status === 'disconnected' ? { disconnectedAt: now } : {}),
      })
      .where(and(eq(connections.tenantId, tenant.id), eq(connections.id, existing.id)))
      .returning();
    if (!row) continue;
    const type = STATUS_EVENTS[event.status];
    if (type) {
      const extra = event.status === 'disconnected' ? { initiated_by: 'platform' } : {};
      await emitEvent(tx, {
        tenantId: tenant.id,
        type,
        data: { connection: connectionObject(row), ...extra },
      });
    }
    await recordAuditEvent(tx, {
      tenantId: tenant.id,
      actor: platform,
      action: `connection.${event.status}`,
      subjectId: row.id,
      data: { reason: event.reason },
    });
  }
}
