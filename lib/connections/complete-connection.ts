import { and, eq, isNull, ne } from 'drizzle-orm';
import { type RequestOrigin, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { PortalSession } from '@/lib/auth/portal-session';
import type { Database } from '@/lib/db/client';
import { lockTransactionOn, platformUserLockKey } from '@/lib/db/advisory-lock';
import { connectAttempts, connections } from '@/lib/db/schema';
import { randomId } from '@/lib/security/random-id';
import type { Tenant } from '@/lib/tenants/tenant';
import { emitEvent } from '@/lib/webhooks/emit-event';
import { findOpenConnectAttempt } from './connect-attempt';
import { type ConnectionRow, connectionObject } from './connection-row';
import { sourceForTenant } from './source-for-tenant';

export type ConnectOutcome =
  | { ok: true; provider: string; connectionId: string; reconnected: boolean }
  | {
      ok: false;
      provider: string | null;
      reason: 'denied' | 'provider_error' | 'unconfirmed' | 'invalid_state';
    };

/**
 * Where every connect flow comes back. The state must name an open attempt of *this* session (a
 * tampered, replayed or foreign state is refused), and the outcome is confirmed with the platform.
 * The attempt is closed, the connection written and its event queued in one transaction.
 */
export async function completeConnection(
  db: Database,
  input: {
    tenant: Tenant;
    session: PortalSession;
    state: string;
    query: URLSearchParams;
    origin?: RequestOrigin;
  },
): Promise<ConnectOutcome> {
  const { tenant, session } = input;
  const attempt = await findOpenConnectAttempt(db, { tenantId: tenant.id, state: input.state });
  if (!attempt || attempt.sessionId !== session.id || attempt.referenceId !== session.referenceId) {
    // A forged, replayed or foreign state: nothing happens, but someone tried.
    await recordAuditEvent(db, {
      tenantId: tenant.id,
      actor: { type: 'end_user', id: session.referenceId },
      action: 'connection.connect_state_refused',
      outcome: 'refused',
      data: { reason: attempt ? 'other_session' : 'unknown_state' },
      origin: input.origin,
    });
    return { ok: false, provider: null, reason: 'invalid_state' };
  }
  const result = await sourceForTenant(db, tenant).completeConnect(
    tenant,
    session.referenceId,
    input.query,
    input.state,
  );

  return db.transaction(async (tx) => {
    const closed = await tx
      .update(connectAttempts)
      .set({ completedAt: new Date(), outcome: result.ok ? 'connected' : result.reason })
      .where(
        and(
          eq(connectAttempts.tenantId, tenant.id),
          eq(connectAttempts.id, attempt.id),
          isNull(connectAttempts.completedAt),
        ),
      )
      .returning({ id: connectAttempts.id });
    if (closed.length === 0)
      return { ok: false, provider: attempt.provider, reason: 'invalid_state' } satisfies ConnectOutcome;
    if (!result.ok)
      return { ok: false, provider: attempt.provider, reason: result.reason } satisfies ConnectOutcome;

    if (result.externalUserId)
      await lockTransactionOn(tx, platformUserLockKey(tenant.id, result.externalUserId));
    const now = new Date();
    const actor = { type: 'end_user' as const, id: session.referenceId };
    // Reconnecting keeps the connection's id; so does connecting a provider the user already has.
    const [existing] = attempt.connectionId
      ? await tx
          .select()
          .from(connections)
          .where(and(eq(connections.tenantId, tenant.id), eq(connections.id, attempt.connectionId)))
          .limit(1)
      : await tx
          .select()
          .from(connections)
          .where(
            and(
              eq(connections.tenantId, tenant.id),
              eq(connections.referenceId, session.referenceId),
              eq(connections.provider, attempt.provider),
              ne(connections.status, 'disconnected'),
              result.externalUserId
                ? eq(connections.externalUserId, result.replacesExternalUserId ?? result.externalUserId)
                : isNull(connections.externalUserId),
            ),
          )
          .limit(1);

    // The platform's own webhook may have recorded this very connection a moment before the browser came back.
    if (
      existing &&
      existing.status === 'active' &&
      result.externalUserId &&
      existing.externalUserId === result.externalUserId
    ) {
      const outcome: ConnectOutcome = {
        ok: true,
        provider: existing.provider,
        connectionId: existing.id,
        reconnected: Boolean(attempt.connectionId),
      };
      return outcome;
    }
    let row: ConnectionRow | undefined;
    if (existing) {
      [row] = await tx
        .update(connections)
        .set({
          status: 'active',
          statusReason: null,
          externalUserId: result.externalUserId,
          scopes: result.scopes,
          statusChangedAt: now,
          connectedAt: existing.connectedAt ?? now,
          lastDataAt: existing.lastDataAt ?? now,
        })
        .where(and(eq(connections.tenantId, tenant.id), eq(connections.id, existing.id)))
        .returning();
    } else {
      [row] = await tx
        .insert(connections)
        .values({
          id: randomId('conn'),
          tenantId: tenant.id,
          referenceId: session.referenceId,
          provider: attempt.provider,
          source: tenant.source,
          status: 'active',
          externalUserId: result.externalUserId,
          scopes: result.scopes,
          connectedAt: now,
          lastDataAt: now,
          statusChangedAt: now,
        })
        .returning();
    }
    if (!row) throw new Error('connection write returned no row');
    const reconnected = Boolean(existing);
    await emitEvent(tx, {
      tenantId: tenant.id,
      type: reconnected ? 'connection.reauthorized' : 'connection.created',
      data: { connection: connectionObject(row) },
    });
    await recordAuditEvent(tx, {
      tenantId: tenant.id,
      actor,
      action: reconnected ? 'connection.reauthorized' : 'connection.created',
      subjectId: row.id,
      data: { provider: row.provider },
      origin: input.origin,
    });
    return { ok: true, provider: row.provider, connectionId: row.id, reconnected } satisfies ConnectOutcome;
  });
}
