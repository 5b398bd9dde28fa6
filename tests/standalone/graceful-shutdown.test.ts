import http from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '@/lib/api/api-keys';
import { type Database, openDatabase } from '@/lib/db/client';
import { webhookDeliveries } from '@/lib/db/schema';
import { createTenant } from '@/lib/tenants/create-tenant';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import { emitEvent } from '@/lib/webhooks/emit-event';
import { TEST_SECRETS, type TestServer, freePort, serverEnv, startTestServer } from '../support/test-server';
import { createThrowawayDatabase } from '../support/throwaway-postgres';
import { startWebhookReceiver } from '../support/webhook-receiver';

const serverUrl = process.env.TEST_DATABASE_URL;
vi.stubEnv('NEXTAUTH_SECRET', TEST_SECRETS.NEXTAUTH_SECRET);
vi.stubEnv('PORTAL_ENCRYPTION_KEY', TEST_SECRETS.PORTAL_ENCRYPTION_KEY);
vi.stubEnv('WEBHOOKS_ALLOW_LOOPBACK', '1');
vi.stubEnv('LOG_LEVEL', 'silent');

const IN_FLIGHT = 50;

/**
 * A POST whose headers and first half of the body are sent now and the rest on `finish()`: the
 * server has the request in hand, so SIGTERM meets it in flight.
 */
function halfSentMint(origin: string, apiKey: string, referenceId: string) {
  const body = JSON.stringify({ reference_id: referenceId });
  const half = Math.floor(body.length / 2);
  let answer: (result: { status: number }) => void = () => undefined;
  let finish = () => undefined as unknown;
  const done = new Promise<{ status: number }>((resolve, reject) => {
    answer = resolve;
    const req = http.request(`${origin}/api/v1/portal_links`, {
      method: 'POST',
      agent: false,
      headers: {
        host: 'api.localhost',
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => answer({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.write(body.slice(0, half));
    finish = () => req.end(body.slice(half));
  });
  return { done, finish: () => finish() };
}

// Several processes need one real PostgreSQL; PGlite is one process per data directory.
describe.runIf(serverUrl)('SIGTERM to one of two instances', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let db: Database;
  let close: () => Promise<void>;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    database = await createThrowawayDatabase(serverUrl ?? '', 'shutdown');
    ({ db, close } = await openDatabase({ databaseUrl: database.url }));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await close();
    await database.drop();
  });

  const start = async () => {
    const port = await freePort();
    const env = serverEnv({
      port,
      rootDomain: `localhost:${port}`,
      databaseUrl: database.url,
      pgliteDir: 'unused',
    });
    const server = await startTestServer({ port, env });
    servers.push(server);
    return server;
  };

  it('finishes 50 requests in flight with 2xx, exits 0 within 10 s, and its webhook lease goes to the other', async () => {
    const tenant = await createTenant(db, {
      slug: 'acme',
      name: 'Acme',
      source: 'sandbox',
      returnOrigins: [],
    });
    const { apiKey } = await createApiKey(db, { tenantId: tenant.id });
    // The first attempt hangs (the instance that is stopped holds it); any later one is answered.
    const hook = await startWebhookReceiver((_request, index) => (index === 0 ? 'hang' : { status: 200 }));
    await createWebhookEndpoint(db, { tenantId: tenant.id, url: hook.url, eventTypes: null });

    const stopping = await start();
    const eventId = await emitEvent(db, { tenantId: tenant.id, type: 'connection.created', data: {} });
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), { timeout: 20_000, interval: 20 });
    const other = await start();

    const requests = Array.from({ length: IN_FLIGHT }, (_, n) =>
      halfSentMint(stopping.origin, apiKey, `user-${n}`),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const signalledAt = Date.now();
    const exitCode = stopping.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ready = await fetch(`${stopping.origin}/api/ready`).then(
      (res) => res.status,
      () => 'refused',
    );
    for (const request of requests) request.finish();
    const answers = await Promise.all(requests.map((request) => request.done));
    expect(answers.map((answer) => answer.status)).toEqual(Array(IN_FLIGHT).fill(201));
    expect(await exitCode).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    // While draining it tells the load balancer to stop sending (or no longer listens at all).
    expect([503, 'refused']).toContain(ready);

    await vi.waitFor(
      async () => {
        const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
        expect(row?.status).toBe('delivered');
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(hook.received.map((request) => request.headers['webhook-id'])).toEqual([eventId, eventId]);
    expect(other.logs()).toContain('webhook.attempt');
    expect(stopping.logs()).toContain('webhook.attempt_released');
    await hook.close();
  });
});
