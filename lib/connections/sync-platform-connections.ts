import { and, eq, ne } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Database } from '@/lib/db/client';
import { lockTransactionOn, platformUserLockKey } from '@/lib/db/advisory-lock';
import { connections } from '@/lib/db/schema';
import { randomId } from '@/lib/security/random-id';
import type { Tenant } from '@/lib/tenants/tenant';
import { emitEvent } from '@/lib/webhooks/emit-event';
import { hasOpenConnectAttempt } from './connect-attempt';
import { connectionObject } from './connection-row';
import { sourceForTenant } from './source-for-tenant';

/**
 * Refreshes our cache of a user's platform connections. New platform rows are added, data times and
 * scopes updated, rows the platform no longer has are marked disconnected. Statuses set by webhooks
 * are left alone: the platform's own "active" flag does not reset them.
 * Throws SourceUnavailableError when the platform cannot be asked; the cache is then untouched.
 */
export async function syncPlatformConnections(
  db: Database,
  input: { tenant: Tenant; referenceId: string },
): Promise<void> {
  const { tenant, referenceId } = input;
  const remote = await sourceForTenant(db, tenant).listConnections(tenant, referenceId);
  if (remote === null) return;
  const now = new Date();
  await db.transaction(async (tx) => {
    // Always in the same order, so two refreshes of one user cannot deadlock.
    const externalIds = remote
      .flatMap((connection) => (connection.externalUserId ? [connection.externalUserId] : []))
      .sort();
    for (const externalId of externalIds)
      await lockTransactionOn(tx, platformUserLockKey(tenant.id, externalId));
    const cached = await tx
      .select()
      .from(connections)
      .where(
        and(
          eq(connections.tenantId, tenant.id),
          eq(connections.referenceId, referenceId),
          ne(connections.status, 'disconnected'),
        ),
      );
    const byExternalId = new Map(cached.map((row) => [row.externalUserId, row]));
    const seen = new Set<string>();
    for (const connection of remote) {
      if (!connection.externalUserId) continue;
      seen.add(connection.externalUserId);
      const row = byExternalId.get(connection.externalUserId);
      if (row) {
        await tx
          .update(connections)
          .set({
            lastDataAt: connection.lastDataAt ?? row.lastDataAt,
            scopes: connection.scopes,
            syncedAt: now,
          })
          .where(and(eq(connections.tenantId, tenant.id), eq(connections.id, row.id)));
        continue;
      }
      if (
        await hasOpenConnectAttempt(tx, { tenantId: tenant.id, referenceId, provider: connection.provider })
      )
        continue;
      const [created] = await tx
        .insert(connections)
        .values({
          id: randomId('conn'),
          tenantId: tenant.id,
          referenceId,
          provider: connection.provider,
          source: tenant.source,
          status: 'active',
          externalUserId: connection.externalUserId,
          scopes: connection.scopes,
          connectedAt: connection.connectedAt ?? now,
          lastDataAt: connection.lastDataAt,
          statusChangedAt: now,
          syncedAt: now,
        })
        .returning();
      if (created)
        await emitEvent(tx, {
          tenantId: tenant.id,
          type: 'connection.created',
          data: { connection: connectionObject(created) },
        });
    }
    for (const row of cached) {
      if (!row.externalUserId || seen.has(row.externalUserId)) continue;
      const [gone] = await tx
        .update(connections)
        .set({
          status: 'disconnected',
          disconnectedAt: now,
          statusChangedAt: now,
          statusReason: 'missing_at_platform',
          syncedAt: now,
        })
        // Not if a disconnect that held the row while calling the platform committed meanwhile.
        .where(
          and(
            eq(connections.tenantId, tenant.id),
            eq(connections.id, row.id),
            ne(connections.status, 'disconnected'),
          ),
        )
        .returning();
      if (!gone) continue;
      await emitEvent(tx, {
        tenantId: tenant.id,
        type: 'connection.deleted',
        data: { connection: connectionObject(gone), initiated_by: 'platform' },
      });
      await recordAuditEvent(tx, {
        tenantId: tenant.id,
        actor: { type: 'platform' },
        action: 'connection.deleted',
        subjectId: gone.id,
        data: { reason: 'missing_at_platform' },
      });
    }
  });
}
