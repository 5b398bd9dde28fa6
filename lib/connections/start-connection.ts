import { and, eq } from 'drizzle-orm';
import { type RequestOrigin, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { PortalSession } from '@/lib/auth/portal-session';
import type { DbOrTx } from '@/lib/db/client';
import { connectAttempts, connections } from '@/lib/db/schema';
import { PortalError, invalid } from '@/lib/errors';
import { sha256Hex } from '@/lib/security/hash';
import { randomId, randomToken } from '@/lib/security/random-id';
import type { Tenant } from '@/lib/tenants/tenant';
import { listProvidersForTenant } from './list-providers-for-tenant';
import { sourceForTenant } from './source-for-tenant';

const ATTEMPT_TTL_MS = 30 * 60_000;

/**
 * Starts a connect (or reconnect) round trip: records an attempt bound to this session with a fresh
 * state value, and asks the platform where to send the user.
 */
export async function startConnection(
  db: DbOrTx,
  input: {
    tenant: Tenant;
    session: PortalSession;
    provider: string;
    connectionId?: string;
    portalOrigin: string;
    origin?: RequestOrigin;
  },
): Promise<{ redirectUrl: string }> {
  const { tenant, session } = input;
  const providers = await listProvidersForTenant(db, { tenant });
  const provider = providers.find((p) => p.id === input.provider);
  if (!provider)
    throw invalid('provider', `${input.provider} is not available here.`, 'provider_unavailable');
  if (!provider.webConnect) {
    throw new PortalError({
      type: 'invalid_request_error',
      code: 'provider_mobile_only',
      message: `Connect ${provider.name} from the mobile app.`,
      param: 'provider',
    });
  }
  let reconnectExternalUserId: string | null = null;
  if (input.connectionId) {
    const [existing] = await db
      .select()
      .from(connections)
      .where(
        and(
          eq(connections.tenantId, tenant.id),
          eq(connections.id, input.connectionId),
          eq(connections.referenceId, session.referenceId),
        ),
      )
      .limit(1);
    if (!existing || existing.provider !== provider.id || existing.status === 'disconnected') {
      throw new PortalError({
        type: 'not_found',
        code: 'resource_missing',
        message: 'No such connection.',
        param: 'connection_id',
      });
    }
    reconnectExternalUserId = existing.externalUserId;
  }
  const state = randomToken();
  await db.insert(connectAttempts).values({
    id: randomId('ca'),
    tenantId: tenant.id,
    sessionId: session.id,
    referenceId: session.referenceId,
    provider: provider.id,
    connectionId: input.connectionId ?? null,
    stateHash: sha256Hex(state),
    expiresAt: new Date(Date.now() + ATTEMPT_TTL_MS),
  });
  await recordAuditEvent(db, {
    tenantId: tenant.id,
    actor: { type: 'end_user', id: session.referenceId },
    action: input.connectionId ? 'connection.reconnect_started' : 'connection.connect_started',
    subjectId: input.connectionId,
    data: { provider: provider.id },
    origin: input.origin,
  });
  return sourceForTenant(db, tenant).startConnect(tenant, session.referenceId, {
    provider: provider.id,
    returnUrl: `${input.portalOrigin}/devices/return`,
    state,
    locale: session.locale ?? tenant.defaultLocale,
    reconnectExternalUserId,
  });
}
