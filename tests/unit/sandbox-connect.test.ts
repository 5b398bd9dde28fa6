import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PortalSession } from '@/lib/auth/portal-session';
import { completeConnection } from '@/lib/connections/complete-connection';
import { disconnectConnection } from '@/lib/connections/disconnect-connection';
import { recordSandboxDecision } from '@/lib/connections/record-sandbox-decision';
import { startConnection } from '@/lib/connections/start-connection';
import type { Database } from '@/lib/db/client';
import { auditEvents, webhookEvents } from '@/lib/db/schema';
import type { Tenant } from '@/lib/tenants/tenant';
import { memoryDbWithTenant } from '../support/memory-db';

vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;
beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
});
afterAll(async () => close());

function session(id: string, referenceId = 'user-1'): PortalSession {
  return {
    id,
    tenantId: tenant.id,
    referenceId,
    linkId: 'pl_x',
    locale: null,
    returnUrl: null,
    userLabel: null,
  };
}

const origin = { ip: '203.0.113.7', userAgent: 'Test Browser/1.0' };

async function start(who: PortalSession, provider = 'OURA') {
  const { redirectUrl } = await startConnection(db, {
    tenant,
    session: who,
    provider,
    portalOrigin: 'http://acme.localhost:3000',
    origin,
  });
  const url = new URL(redirectUrl);
  expect(url.pathname).toBe('/sandbox/authorize');
  return url.searchParams.get('state') ?? '';
}

describe('sandbox connect round trip', () => {
  it('connects on Allow, records the change in the audit log with address and agent, and queues the event', async () => {
    const who = session('ps_aaaaaaaaaaaaaaaa');
    const state = await start(who);
    await recordSandboxDecision(db, { tenantId: tenant.id, sessionId: who.id, state, decision: 'allow' });
    const outcome = await completeConnection(db, {
      tenant,
      session: who,
      state,
      query: new URLSearchParams(),
      origin,
    });
    expect(outcome).toMatchObject({ ok: true, provider: 'OURA', reconnected: false });
    if (!outcome.ok) return;
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, outcome.connectionId));
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'connection.created',
        actorType: 'end_user',
        actorId: 'user-1',
        ip: '203.0.113.7',
        userAgent: 'Test Browser/1.0',
      }),
    ]);
    await disconnectConnection(db, {
      tenant,
      connectionId: outcome.connectionId,
      referenceId: 'user-1',
      initiatedBy: 'end_user',
      actor: { type: 'end_user', id: 'user-1' },
      origin,
    });
    const events = (await db.select().from(webhookEvents).where(eq(webhookEvents.tenantId, tenant.id))).map(
      (e) => [e.type, e.data.initiated_by],
    );
    expect(events).toEqual(
      expect.arrayContaining([
        ['connection.created', undefined],
        ['connection.deleted', 'end_user'],
      ]),
    );
  });

  it('refuses a replayed state, another session’s state and a tampered one', async () => {
    const who = session('ps_bbbbbbbbbbbbbbbb', 'user-2');
    const state = await start(who);
    await recordSandboxDecision(db, { tenantId: tenant.id, sessionId: who.id, state, decision: 'allow' });
    const other = session('ps_cccccccccccccccc', 'user-2');
    expect(
      await completeConnection(db, { tenant, session: other, state, query: new URLSearchParams() }),
    ).toMatchObject({ ok: false, reason: 'invalid_state' });
    const tampered = `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`;
    expect(
      await completeConnection(db, { tenant, session: who, state: tampered, query: new URLSearchParams() }),
    ).toMatchObject({ ok: false, reason: 'invalid_state' });
    expect(
      await completeConnection(db, { tenant, session: who, state, query: new URLSearchParams() }),
    ).toMatchObject({ ok: true });
    expect(
      await completeConnection(db, { tenant, session: who, state, query: new URLSearchParams() }),
    ).toMatchObject({ ok: false, reason: 'invalid_state' });
  });

  it('audits a refused state with the actor, address, agent and request id, and says why', async () => {
    const who = session('ps_ffffffffffffffff', 'user-5');
    const state = await start(who);
    const intruder = session('ps_gggggggggggggggg', 'user-5');
    const from = { ip: '198.51.100.9', userAgent: 'Intruder/2.0', requestId: 'req-0001' };
    await completeConnection(db, {
      tenant,
      session: intruder,
      state,
      query: new URLSearchParams(),
      origin: from,
    });
    await completeConnection(db, {
      tenant,
      session: who,
      state: 'A'.repeat(43),
      query: new URLSearchParams(),
      origin: from,
    });
    const rows = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'connection.connect_state_refused'), eq(auditEvents.actorId, 'user-5')),
      );
    expect(
      rows.map((row) => [row.actorId, row.outcome, row.data, row.ip, row.userAgent, row.requestId]),
    ).toEqual([
      ['user-5', 'refused', { reason: 'other_session' }, '198.51.100.9', 'Intruder/2.0', 'req-0001'],
      ['user-5', 'refused', { reason: 'unknown_state' }, '198.51.100.9', 'Intruder/2.0', 'req-0001'],
    ]);
  });

  it('never trusts the query string: no decision recorded means nothing connected', async () => {
    const who = session('ps_dddddddddddddddd', 'user-3');
    const state = await start(who, 'GARMIN');
    const claimed = new URLSearchParams({ result: 'allow', decision: 'allow' });
    expect(await completeConnection(db, { tenant, session: who, state, query: claimed })).toMatchObject({
      ok: false,
      reason: 'unconfirmed',
    });
  });

  it('refuses providers the tenant does not offer and mobile-only ones', async () => {
    const who = session('ps_eeeeeeeeeeeeeeee', 'user-4');
    await expect(start(who, 'NOPE')).rejects.toMatchObject({
      code: 'provider_unavailable',
      param: 'provider',
    });
    await expect(start(who, 'APPLE')).rejects.toMatchObject({ code: 'provider_mobile_only' });
  });
});
