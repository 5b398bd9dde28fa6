import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { openDatabase } from '@/lib/db/client';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import { apiClient, tokenFromUrl } from '../support/api';
import { tenantOf } from '../support/factories';
import { type HttpResult, request } from '../support/http';
import { connectSandboxDevice, signInOverHttp } from '../support/portal-user';
import { startServerBehindRelay, type startTcpRelay } from '../support/tcp-relay';
import { TEST_SECRETS, type TestServer } from '../support/test-server';
import { startWebhookReceiver } from '../support/webhook-receiver';

// SPEC §18: every connection to PostgreSQL is cut for 5 s while 200 mixed requests run. A second
// server reaches the database through a relay the test controls; PGlite has no outage to test.
const databaseUrl = inject('serverEnv').DATABASE_URL;
const root = inject('rootDomain');
const tenant = tenantOf('database-cut');
vi.stubEnv('PORTAL_ENCRYPTION_KEY', TEST_SECRETS.PORTAL_ENCRYPTION_KEY);
vi.stubEnv('WEBHOOKS_ALLOW_LOOPBACK', '1');
vi.stubEnv('LOG_LEVEL', 'silent');

const REQUESTS = 200;
const PACE_MS = 40;
const CUT_AFTER_MS = 1_000;
const CUT_FOR_MS = 5_000;

type Sent = { kind: string; result: HttpResult; retry?: () => Promise<HttpResult> };

describe.runIf(databaseUrl)('a 5-second database cut under load', () => {
  let relay: Awaited<ReturnType<typeof startTcpRelay>>;
  let server: TestServer;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    hook = await startWebhookReceiver(() => ({ status: 200 }));
    const { db, close } = await openDatabase({ databaseUrl });
    await createWebhookEndpoint(db, { tenantId: tenant.id, url: hook.url, eventTypes: null });
    await close();
    ({ relay, server } = await startServerBehindRelay({ databaseUrl: databaseUrl ?? '', rootDomain: root }));
  });
  afterAll(async () => {
    await server?.stop();
    await relay?.close();
    await hook?.close();
  });

  it('answers 503 readably while cut, loses nothing, orphans nothing, and recovers without a restart', async () => {
    const { origin } = server;
    const api = apiClient(origin, tenant.apiKey);
    const host = tenant.host;
    // Before the cut: links to redeem, signed-in users with a connection each to disconnect.
    const tokens: string[] = [];
    for (let n = 0; n < 30; n += 1) {
      const minted = await api.mintLink({ reference_id: `cut-link-${n}` });
      tokens.push(tokenFromUrl(minted.json<{ url: string }>().url));
    }
    const users: { cookie: string; connectionId: string }[] = [];
    for (let n = 0; n < 8; n += 1) {
      const { cookie } = await signInOverHttp(origin, host, tenant.apiKey, `cut-user-${n}`);
      users.push({ cookie, connectionId: await connectSandboxDevice(origin, host, cookie, 'OURA') });
    }

    const kinds: Array<(n: number) => { kind: string; send: () => Promise<HttpResult> }> = [
      (n) => ({ kind: 'mint', send: () => api.mintLink({ reference_id: `cut-mint-${n}` }) }),
      (n) => {
        const token = tokens.shift();
        return token
          ? {
              kind: 'redeem',
              send: () =>
                request(origin, {
                  host,
                  path: `/l/${token}`,
                  method: 'POST',
                  headers: { origin: `http://${host}` },
                }),
            }
          : { kind: 'providers', send: () => api.call('GET', `/api/v1/providers?n=${n}`) };
      },
      (n) => {
        const user = users[n % users.length];
        return {
          kind: 'page',
          send: () => request(origin, { host, path: '/devices', headers: { cookie: user?.cookie ?? '' } }),
        };
      },
      (n) => {
        const user = users[n % users.length];
        return {
          kind: 'delete',
          send: () => api.call('DELETE', `/api/v1/connections/${user?.connectionId}`),
        };
      },
      () => ({ kind: 'providers', send: () => api.call('GET', '/api/v1/providers') }),
    ];

    const readiness: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        readiness.push((await request(origin, { host: root, path: '/api/ready' })).status);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const cut = (async () => {
      await new Promise((resolve) => setTimeout(resolve, CUT_AFTER_MS));
      await relay.refuse();
      await new Promise((resolve) => setTimeout(resolve, CUT_FOR_MS));
      await relay.restore();
    })();
    const sent: Promise<Sent>[] = [];
    for (let n = 0; n < REQUESTS; n += 1) {
      const { kind, send } = (kinds[n % kinds.length] as (typeof kinds)[number])(n);
      sent.push(send().then((result) => ({ kind, result, retry: send })));
      await new Promise((resolve) => setTimeout(resolve, PACE_MS));
    }
    const results = await Promise.all(sent);
    await cut;

    const success: Record<string, number[]> = {
      mint: [201],
      redeem: [303],
      page: [200],
      delete: [200],
      providers: [200],
    };
    const unexpected = results.filter(
      ({ kind, result }) => !success[kind]?.includes(result.status) && result.status !== 503,
    );
    expect(unexpected.map(({ kind, result }) => `${kind} ${result.status}`)).toEqual([]);
    const failed = results.filter(({ result }) => result.status === 503);
    expect(failed.length).toBeGreaterThan(0);
    for (const { kind, result } of failed) {
      expect(result.headers['retry-after'], kind).toBe('5');
      if (kind === 'page' || kind === 'redeem') {
        expect(result.body, kind).toContain('Temporarily unavailable');
        expect(result.body, kind).toContain(`Reference: ${result.headers['x-request-id']}`);
      } else {
        expect(result.json(), kind).toMatchObject({ error: { code: 'service_unavailable' } });
      }
    }

    // Back: ready again, and what failed goes through when the client tries again.
    await vi.waitFor(
      async () => expect((await request(origin, { host: root, path: '/api/ready' })).status).toBe(200),
      { timeout: 20_000, interval: 250 },
    );
    polling = false;
    await poller;
    expect(readiness).toContain(503);
    for (const { kind, retry } of failed) {
      if (!retry) continue;
      const again = await retry();
      expect([kind, again.status]).toEqual([kind, success[kind]?.[0]]);
    }
    expect(server.logs().match(/Ready in/g)).toHaveLength(1);

    // Nothing half-done in the database: every redeemed link has its session, every change its event,
    // every event its delivery.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const count = async (sql: string) =>
        Number((await client.query(sql, [tenant.id])).rows[0]?.n ?? Number.NaN);
      expect(
        await count(`select count(*)::int as n from portal_links l where l.tenant_id = $1
          and l.redeemed_at is not null
          and not exists (select 1 from portal_sessions s where s.id = l.redeemed_session_id)`),
      ).toBe(0);
      expect(
        await count(`select count(*)::int as n from connections c where c.tenant_id = $1 and c.status = 'disconnected'
          and not exists (select 1 from webhook_events e where e.tenant_id = c.tenant_id
            and e.type = 'connection.deleted' and e.data->'connection'->>'id' = c.id)`),
      ).toBe(0);
      expect(
        await count(`select count(*)::int as n from webhook_events e where e.tenant_id = $1
          and not exists (select 1 from webhook_deliveries d where d.event_id = e.id)`),
      ).toBe(0);
      expect(
        await count(
          `select count(*)::int as n from connections where tenant_id = $1 and status = 'disconnected'`,
        ),
      ).toBe(8);
    } finally {
      await client.end();
    }
  });
});
