import { type Page, expect, test } from '@playwright/test';
import { apiClient } from '../support/api';
import { multipartForm, request } from '../support/http';
import { type LoadBalancer, startLoadBalancer } from '../support/load-balancer';
import { actionField, connectSandboxDevice, signInOverHttp } from '../support/portal-user';
import { type SeededTenant, seedWorld } from '../support/seed-world';
import { type TestServer, freePort, serverEnv, startTestServer } from '../support/test-server';
import { createThrowawayDatabase } from '../support/throwaway-postgres';

// SPEC §18: two stateless instances on one PostgreSQL behind Caddy (deploy/Caddyfile, round robin).
// Chromium talks to Caddy only; which instance answered is read from each instance's access log.
const serverUrl = process.env.TEST_DATABASE_URL;

test.describe('two instances behind Caddy', () => {
  test.skip(!serverUrl, 'two instances share one PostgreSQL database; PGlite is one process per directory');
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let instances: TestServer[] = [];
  let balancer: LoadBalancer;
  let acme: SeededTenant;
  let host = '';

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    database = await createThrowawayDatabase(serverUrl ?? '', 'balanced');
    const world = await seedWorld({
      databaseUrl: database.url,
      pgliteDir: 'unused-with-postgres',
      tenants: [{ slug: 'acme', name: 'Acme Health' }],
    });
    acme = world.tenants.acme;
    const balancerPort = await freePort();
    const rootDomain = `localhost:${balancerPort}`;
    const ports = [await freePort(), await freePort()];
    instances = await Promise.all(
      ports.map((port) =>
        startTestServer({
          port,
          env: serverEnv({
            port,
            rootDomain,
            databaseUrl: database.url,
            pgliteDir: 'unused-with-postgres',
            extra: { TRUST_PROXY: '1' },
          }),
        }),
      ),
    );
    balancer = await startLoadBalancer({ port: balancerPort, upstreams: ports.map((p) => `127.0.0.1:${p}`) });
    host = `acme.${rootDomain}`;
  });

  test.afterAll(async () => {
    await balancer?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    await database?.drop();
  });

  const api = () => apiClient(balancer.origin, acme.apiKey);

  /** Which instance answered each request id, from the instances' own access logs. */
  const servedBy = (requestIds: string[]) =>
    requestIds.map((id) =>
      instances.findIndex((instance) => instance.logs().includes(`"requestId":"${id}"`)),
    );

  /** The request ids of the documents and actions the browser asked for, in order. */
  function recordRequestIds(page: Page): string[] {
    const ids: string[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      const id = response.headers()['x-request-id'];
      if (id && (type === 'document' || type === 'fetch')) ids.push(id);
    });
    return ids;
  }

  async function journey(page: Page, referenceId: string, javaScriptEnabled: boolean) {
    const minted = await api().mintLink({ reference_id: referenceId, channel: 'email' });
    expect(minted.status).toBe(201);
    await page.goto(minted.json<{ url: string }>().url);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Your devices' })).toBeVisible();
    await page.getByRole('button', { name: 'Connect Oura', exact: true }).click();
    await expect(page).toHaveURL(/\/sandbox\/authorize\?state=/);
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page.getByRole('status')).toContainText('Oura connected');
    await page.getByRole('button', { name: 'Disconnect Oura' }).click();
    if (javaScriptEnabled) {
      await page
        .getByRole('dialog', { name: 'Disconnect Oura?' })
        .getByRole('button', { name: 'Disconnect', exact: true })
        .click();
    } else {
      await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    }
    await expect(page.getByRole('status')).toContainText('Oura disconnected');
    const listed = await api().call('GET', `/api/v1/users/${referenceId}/connections`);
    expect(listed.json<{ data: { provider: string; status: string }[] }>().data).toEqual([
      expect.objectContaining({ provider: 'OURA', status: 'disconnected' }),
    ]);
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`the journey with JavaScript ${javaScriptEnabled ? 'on' : 'off'} goes through both instances`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const ids = recordRequestIds(page);
      await journey(page, `balanced-${javaScriptEnabled ? 'js' : 'nojs'}`, javaScriptEnabled);
      await context.close();
      const served = servedBy(ids);
      expect(served.filter((index) => index < 0)).toEqual([]);
      expect(new Set(served)).toEqual(new Set([0, 1]));
      expect(served.some((index, i) => i > 0 && index !== served[i - 1])).toBe(true);
    });
  }

  test('a form rendered by one instance is accepted by the other', async () => {
    const [first, second] = instances as [TestServer, TestServer];
    const { cookie } = await signInOverHttp(first.origin, host, acme.apiKey, 'cross-instance');
    const connectionId = await connectSandboxDevice(first.origin, host, cookie, 'OURA');
    const path = `/devices/${connectionId}/disconnect`;
    const page = await request(first.origin, { host, path, headers: { cookie } });
    expect(page.status).toBe(200);
    const form = multipartForm({ ...actionField(page.body, '>Disconnect<'), connection_id: connectionId });
    const posted = await request(second.origin, {
      host,
      path,
      method: 'POST',
      headers: { cookie, origin: `http://${host}`, 'content-type': form.contentType },
      body: form.body,
    });
    expect([posted.status, posted.headers.location]).toEqual([303, '/devices?disconnected=OURA']);
  });

  test('SIGKILL of one instance mid-journey: the journey finishes through the other, nothing lost or doubled', async ({
    browser,
  }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const referenceId = 'balanced-killed';
    const minted = await api().mintLink({ reference_id: referenceId, channel: 'email' });
    await page.goto(minted.json<{ url: string }>().url);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Connect Oura', exact: true }).click();
    await expect(page).toHaveURL(/\/sandbox\/authorize\?state=/);

    const [killed] = instances as [TestServer, TestServer];
    process.kill(killed.pid, 'SIGKILL');
    // Once it is gone, every request dials the other instance (a request caught inside the dying
    // process itself would be answered 502, not sent twice).
    await killed.stop();
    // A user takes a moment before the next click; by then Caddy's health check (every 2 s) has
    // seen the instance gone. A request that still dials it is retried on the other (buffer_requests).
    await page.waitForTimeout(2_500);
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page.getByRole('status')).toContainText('Oura connected');
    await page.getByRole('button', { name: 'Disconnect Oura' }).click();
    await page
      .getByRole('dialog', { name: 'Disconnect Oura?' })
      .getByRole('button', { name: 'Disconnect', exact: true })
      .click();
    await expect(page.getByRole('status')).toContainText('Oura disconnected');
    await context.close();

    const listed = await api().call('GET', `/api/v1/users/${referenceId}/connections`);
    expect(listed.json<{ data: { provider: string; status: string }[] }>().data).toEqual([
      expect.objectContaining({ provider: 'OURA', status: 'disconnected' }),
    ]);
    const events = await api().call('GET', '/api/v1/events?limit=100');
    const mine = events
      .json<{ data: { type: string; data: { connection?: { reference_id: string } } }[] }>()
      .data.filter((event) => event.data.connection?.reference_id === referenceId)
      .map((event) => event.type);
    expect(mine).toEqual(['connection.deleted', 'connection.created']);
  });
});
