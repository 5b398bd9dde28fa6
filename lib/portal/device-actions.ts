import type { PortalSession } from '@/lib/auth/portal-session';
import { completeConnection } from '@/lib/connections/complete-connection';
import { disconnectConnection } from '@/lib/connections/disconnect-connection';
import { requireConnection } from '@/lib/connections/find-connection';
import { deviceView } from '@/lib/connections/connection-row';
import { type SandboxDecision, recordSandboxDecision } from '@/lib/connections/record-sandbox-decision';
import { startConnection } from '@/lib/connections/start-connection';
import { findOpenConnectAttempt } from '@/lib/connections/connect-attempt';
import { getDb } from '@/lib/db/client';
import type { Tenant } from '@/lib/tenants/tenant';
import { currentPortalOrigin } from './current-portal-origin';
import { actionRequestOrigin } from './request-origin';

type Who = { tenant: Tenant; session: PortalSession };

/* The end user's device operations, each one service call with the process database. */

export async function startDeviceConnect(
  { tenant, session }: Who,
  input: { provider: string; connectionId?: string },
) {
  return startConnection(await getDb(), {
    tenant,
    session,
    provider: input.provider,
    connectionId: input.connectionId,
    portalOrigin: await currentPortalOrigin(tenant),
    origin: await actionRequestOrigin(),
  });
}

export async function finishDeviceConnect(
  { tenant, session }: Who,
  input: { state: string; query: URLSearchParams },
) {
  return completeConnection(await getDb(), {
    tenant,
    session,
    state: input.state,
    query: input.query,
    origin: await actionRequestOrigin(),
  });
}

export async function disconnectDevice({ tenant, session }: Who, input: { connectionId: string }) {
  const row = await disconnectConnection(await getDb(), {
    tenant,
    connectionId: input.connectionId,
    referenceId: session.referenceId,
    initiatedBy: 'end_user',
    actor: { type: 'end_user', id: session.referenceId },
    origin: await actionRequestOrigin(),
  });
  return deviceView(row);
}

export async function loadDevice({ tenant, session }: Who, input: { connectionId: string }) {
  const row = await requireConnection(await getDb(), {
    tenantId: tenant.id,
    connectionId: input.connectionId,
    referenceId: session.referenceId,
  });
  return deviceView(row);
}

export async function loadSandboxAttempt({ tenant, session }: Who, input: { state: string }) {
  const attempt = await findOpenConnectAttempt(await getDb(), { tenantId: tenant.id, state: input.state });
  return attempt && attempt.sessionId === session.id
    ? { provider: attempt.provider, isReconnect: attempt.connectionId !== null }
    : null;
}

export async function decideSandboxConsent(
  { tenant, session }: Who,
  input: { state: string; decision: SandboxDecision },
) {
  await recordSandboxDecision(await getDb(), {
    tenantId: tenant.id,
    sessionId: session.id,
    state: input.state,
    decision: input.decision,
  });
  return {
    returnUrl: `${await currentPortalOrigin(tenant)}/devices/return?state=${encodeURIComponent(input.state)}`,
  };
}
