import { and, eq, ne } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { lockTransactionOn, platformUserLockKey } from '@/lib/db/advisory-lock';
import type { DbOrTx } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { randomId } from '@/lib/security/random-id';
import type { Tenant } from '@/lib/tenants/tenant';
import { type EventType, emitEvent } from '@/lib/webhooks/emit-event';
import { hasOpenConnectAttempt } from './connect-attempt';
import { type ConnectionRow, connectionObject } from './connection-row';
import type { SourceEvent } from './sources/connection-source';

type Change = Partial<typeof connections.$inferInsert>;
type Context = { tx: DbOrTx; tenant: Tenant; now: Date };

async function findByExternalId(
  { tx, tenant }: Context,
  externalUserId: string,
): Promise<ConnectionRow | undefined> {
  const [row] = await tx
    .select()
    .from(connections)
    .where(and(eq(connections.tenantId, tenant.id), eq(connections.externalUserId, externalUserId)))
    .limit(1);
  return row;
}

/**
 * Updates one connection and queues the event that tells the tenant about it. Only a reauthorization
 * may change a disconnected row: the status was read before this UPDATE, and a disconnect holding
 * the row (while it calls the platform) may commit in between — the UPDATE then re-checks this
 * WHERE on the committed row and changes nothing, so a `deauth` for it adds no second event.
 */
async function change(
  { tx, tenant }: Context,
  rowId: string,
  set: Change,
  event?: { type: EventType; extra?: Record<string, unknown> },
  options: { revives?: boolean } = {},
) {
  const filters = [eq(connections.tenantId, tenant.id), eq(connections.id, rowId)];
  if (!options.revives) filters.push(ne(connections.status, 'disconnected'));
  const [row] = await tx
    .update(connections)
    .set(set)
    .where(and(...filters))
    .returning();
  if (row && event)
    await emitEvent(tx, {
      tenantId: tenant.id,
      type: event.type,
      data: { connection: connectionObject(row), ...event.extra },
    });
  return row;
}

async function applyConnected(ctx: Context, event: Extract<SourceEvent, { kind: 'connected' }>) {
  await lockTransactionOn(ctx.tx, platformUserLockKey(ctx.tenant.id, event.externalUserId));
  const existing = await findByExternalId(ctx, event.externalUserId);
  if (existing) {
    if (existing.status === 'active' || existing.status === 'disconnected') return;
    await change(
      ctx,
      existing.id,
      { status: 'active', statusReason: null, statusChangedAt: ctx.now },
      { type: 'connection.reauthorized' },
    );
    return;
  }
  // A connection we cannot attribute to a user is not ours to show; one the portal is completing is the return's to write.
  if (!event.referenceId) return;
  if (
    await hasOpenConnectAttempt(ctx.tx, {
      tenantId: ctx.tenant.id,
      referenceId: event.referenceId,
      provider: event.provider,
    })
  )
    return;
  const [row] = await ctx.tx
    .insert(connections)
    .values({
      id: randomId('conn'),
      tenantId: ctx.tenant.id,
      referenceId: event.referenceId,
      provider: event.provider,
      source: ctx.tenant.source,
      status: 'active',
      externalUserId: event.externalUserId,
      connectedAt: ctx.now,
      statusChangedAt: ctx.now,
    })
    .returning();
  if (row)
    await emitEvent(ctx.tx, {
      tenantId: ctx.tenant.id,
      type: 'connection.created',
      data: { connection: connectionObject(row) },
    });
}

async function applyReauthorized(ctx: Context, event: Extract<SourceEvent, { kind: 'reauthorized' }>) {
  const existing =
    (event.oldExternalUserId ? await findByExternalId(ctx, event.oldExternalUserId) : undefined) ??
    (await findByExternalId(ctx, event.newExternalUserId));
  if (!existing) return;
  await change(
    ctx,
    existing.id,
    {
      externalUserId: event.newExternalUserId,
      status: 'active',
      statusReason: null,
      statusChangedAt: ctx.now,
      disconnectedAt: null,
    },
    { type: 'connection.reauthorized' },
    { revives: true },
  );
}

const STATUS_EVENTS: Partial<Record<ConnectionRow['status'], EventType>> = {
  reauth_required: 'connection.reauth_required',
  disconnected: 'connection.deleted',
};

async function applyStatus(ctx: Context, event: Extract<SourceEvent, { kind: 'status' }>) {
  const existing = await findByExternalId(ctx, event.externalUserId);
  if (!existing || existing.status === event.status || existing.status === 'disconnected') return;
  const type = STATUS_EVENTS[event.status];
  const extra = event.status === 'disconnected' ? { initiated_by: 'platform' } : undefined;
  const row = await change(
    ctx,
    existing.id,
    {
      status: event.status,
      statusReason: event.reason,
      statusChangedAt: ctx.now,
      ...(event.status === 'disconnected' ? { disconnectedAt: ctx.now } : {}),
    },
    type ? { type, extra } : undefined,
  );
  if (row) {
    await recordAuditEvent(ctx.tx, {
      tenantId: ctx.tenant.id,
      actor: { type: 'platform' },
      action: `connection.${event.status}`,
      subjectId: row.id,
      data: { reason: event.reason },
    });
  }
}

/** Applies what a platform webhook reported to our connections, with their events, inside the caller's transaction. */
export async function applySourceEvents(
  tx: DbOrTx,
  input: { tenant: Tenant; events: SourceEvent[] },
): Promise<void> {
  const ctx: Context = { tx, tenant: input.tenant, now: new Date() };
  for (const event of input.events) {
    if (event.kind === 'connected') await applyConnected(ctx, event);
    else if (event.kind === 'reauthorized') await applyReauthorized(ctx, event);
    else await applyStatus(ctx, event);
  }
}
