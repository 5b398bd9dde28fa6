import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient, tokenFromUrl } from '../support/api';
import { multipartForm, request } from '../support/http';
import { actionField, connectSandboxDevice, signInOverHttp } from '../support/portal-user';
import { OUTAGE_HOLD_MS } from '../../server/database-health.mjs';
import { startServerBehindRelay, type startTcpRelay } from '../support/tcp-relay';
import type { TestServer } from '../support/test-server';
import { tenantOf } from '../support/factories';

// A second server reaches PostgreSQL through a relay the test can cut; PGlite has no outage to test.
const databaseUrl = inject('serverEnv').DATABASE_URL;
const root = inject('rootDomain');
const acme = tenantOf('acme');
const acmeHost = acme.host;

async function waitForReady(origin: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await request(origin, { host: root, path: '/api/ready' });
    if (res.status === 200) return Date.now() - started;
    if (Date.now() - started > 20_000) throw new Error('never ready again');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.runIf(databaseUrl)('a database outage', () => {
  let relay: Awaited<ReturnType<typeof startTcpRelay>>;
  let server: TestServer;

  beforeAll(async () => {
    ({ relay, server } = await startServerBehindRelay({ databaseUrl: databaseUrl ?? '', rootDomain: root }));
  });

  afterAll(async () => {
    await server?.stop();
    await relay?.close();
  });

  it('answers a readable 503 everywhere, logs one JSON line per failure without query values, and recovers without a restart', async () => {
    const { origin } = server;
    const { cookie } = await signInOverHttp(origin, acmeHost, acme.apiKey, 'outage-user');
    const connectionId = await connectSandboxDevice(origin, acmeHost, cookie, 'OURA');
    const confirm = await request(origin, {
      host: acmeHost,
      path: `/devices/${connectionId}/disconnect`,
      headers: { cookie },
    });
    const disconnect = multipartForm({
      ...actionField(confirm.body, '>Disconnect<'),
      connection_id: connectionId,
    });
    const minted = await apiClient(origin, acme.apiKey).mintLink({ reference_id: 'outage-user' });
    const linkPath = `/l/${tokenFromUrl(minted.json<{ url: string }>().url)}`;
    const logBefore = server.logs().length;

    await relay.refuse();
    // Round 1 waits out each hold, so a request may meet the failure itself; the webhook worker polls
    // every second, though, and re-arms the hold, which is what a user sees for the whole outage.
    const inRound = async (round: number) => {
      if (round === 1) await new Promise((resolve) => setTimeout(resolve, OUTAGE_HOLD_MS + 100));
    };
    for (let round = 0; round < 2; round += 1) {
      await inRound(round);
      const api = await apiClient(origin, acme.apiKey).call('GET', '/api/v1/providers');
      expect(api.status).toBe(503);
      expect(api.headers['retry-after']).toBe('5');
      expect(api.json()).toMatchObject({ error: { type: 'api_error', code: 'service_unavailable' } });

      const pages: { path: string; method: string; headers: Record<string, string>; body?: string }[] = [
        { path: '/devices', method: 'GET', headers: { cookie } },
        { path: linkPath, method: 'GET', headers: {} },
        { path: linkPath, method: 'POST', headers: { origin: `http://${acmeHost}` } },
        {
          path: `/devices/${connectionId}/disconnect`,
          method: 'POST',
          headers: { cookie, origin: `http://${acmeHost}`, 'content-type': disconnect.contentType },
          body: disconnect.body,
        },
      ];
      for (const page of pages) {
        await inRound(round);
        const res = await request(origin, { host: acmeHost, ...page });
        const label = `${round} ${page.method} ${page.path.slice(0, 12)}`;
        expect(res.status, label).toBe(503);
        expect(res.headers['retry-after'], label).toBe('5');
        expect(res.body, label).toContain('Temporarily unavailable');
        expect(res.body, label).toContain(`Reference: ${res.headers['x-request-id']}`);
        expect(res.body, label).not.toContain('at ');
      }
      const ready = await request(origin, { host: root, path: '/api/ready' });
      expect(ready.status).toBe(503);
    }

    const outageLog = server.logs().slice(logBefore);
    expect(outageLog).not.toContain('Failed query');
    expect(outageLog).not.toContain('params:');
    expect(outageLog).not.toMatch(/ps_[A-Za-z0-9]/);
    for (const line of outageLog.split('\n').filter(Boolean))
      expect(() => JSON.parse(line), line).not.toThrow();
    expect(outageLog).toContain('"requestId"');
    // Every 503 answered is one line with its request id (whether it met the failure or the hold).
    const outageLines = outageLog.split('\n').filter((line) => line.includes('database_unavailable'));
    expect(outageLines.length).toBeGreaterThanOrEqual(10);
    for (const line of outageLines) expect(line).toMatch(/"requestId":"[0-9a-f-]{36}"/);

    await relay.restore();
    await waitForReady(origin);
    const devices = await request(origin, { host: acmeHost, path: '/devices', headers: { cookie } });
    expect(devices.status).toBe(200);
    expect(devices.body).toContain('Oura');
    const status = await apiClient(origin, acme.apiKey).call('GET', `/api/v1/users/outage-user/connections`);
    expect(status.json<{ data: { status: string }[] }>().data[0]?.status).toBe('active');
  });
});
