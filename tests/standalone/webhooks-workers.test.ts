import { type ChildProcess, spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '@/lib/db/client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/lib/db/schema';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import { emitEvent } from '@/lib/webhooks/emit-event';
import { TEST_SECRETS } from '../support/test-server';
import { createThrowawayDatabase } from '../support/throwaway-postgres';
import { type ReceiverReply, startWebhookReceiver } from '../support/webhook-receiver';

const serverUrl = process.env.TEST_DATABASE_URL;

vi.stubEnv('NEXTAUTH_SECRET', TEST_SECRETS.NEXTAUTH_SECRET);
vi.stubEnv('PORTAL_ENCRYPTION_KEY', TEST_SECRETS.PORTAL_ENCRYPTION_KEY);
vi.stubEnv('WEBHOOKS_ALLOW_LOOPBACK', '1');
vi.stubEnv('LOG_LEVEL', 'silent');

type WorkerProcess = { child: ChildProcess; output: () => string; exited: Promise<void> };

// Several processes need one real PostgreSQL; PGlite is one process per data directory.
describe.runIf(serverUrl)('webhook workers as separate processes on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let db: Database;
  let close: () => Promise<void>;
  let tenant: Tenant;
  const workers: WorkerProcess[] = [];
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    database = await createThrowawayDatabase(serverUrl ?? '', 'workers');
    ({ db, close } = await openDatabase({ databaseUrl: database.url }));
    tenant = await createTenant(db, { slug: 'acme', name: 'Acme', source: 'sandbox', returnOrigins: [] });
  });
  afterAll(async () => {
    await close();
    await database.drop();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await worker.exited;
    }
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await db.delete(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenant.id));
  });

  async function spawnReady(args: string[], readyLine: string): Promise<WorkerProcess> {
    // node itself with tsx's loader, not the tsx CLI: that forks a child which SIGKILL would orphan.
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'test',
        DATABASE_URL: database.url,
        ...TEST_SECRETS,
        WEBHOOKS_ALLOW_LOOPBACK: '1',
        LOG_LEVEL: 'info',
        WEBHOOK_TIMEOUT_MS: '2000',
        WEBHOOK_LEASE_MS: '4000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const worker = { child, output: () => output, exited };
    workers.push(worker);
    await vi.waitFor(() => expect(output).toContain(readyLine), { timeout: 30_000, interval: 50 });
    return worker;
  }

  function startWorker() {
    return spawnReady(['tests/support/webhook-worker-process.ts'], 'worker ready');
  }

  /** What instrumentation.ts runs, without Next.js: the timer stands in for the HTTP server keeping it alive. */
  function startServerProcess() {
    const script = `const { startServer } = await import('@/lib/startup/start-server');
      await startServer();
      setInterval(() => undefined, 60_000);
      process.stdout.write('server started\\n');`;
    return spawnReady(['--input-type=module', '-e', script], 'server started');
  }

  async function endpointReplying(reply: () => ReceiverReply) {
    const hook = await startWebhookReceiver(reply);
    cleanups.push(hook.close);
    await createWebhookEndpoint(db, { tenantId: tenant.id, url: hook.url, eventTypes: null });
    return hook;
  }

  async function queueEvents(count: number) {
    return db.transaction(async (tx) => {
      const ids: string[] = [];
      for (let n = 0; n < count; n += 1)
        ids.push(await emitEvent(tx, { tenantId: tenant.id, type: 'connection.created', data: { n } }));
      return ids;
    });
  }

  async function statuses() {
    const rows = await db
      .select({ status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.tenantId, tenant.id));
    return rows.map((row) => row.status);
  }

  it('delivers every pending event after the worker is SIGKILLed and another starts; repeats keep their webhook-id', async () => {
    const hook = await endpointReplying(() => ({ status: 200, delayMs: 500 }));
    const first = await startWorker();
    const eventIds = await queueEvents(30);
    await vi.waitFor(() => expect(hook.received.length).toBeGreaterThanOrEqual(5), {
      timeout: 20_000,
      interval: 10,
    });
    first.child.kill('SIGKILL');
    await first.exited;
    expect((await statuses()).filter((status) => status !== 'delivered').length).toBeGreaterThan(0);

    await startWorker();
    await vi.waitFor(async () => expect(await statuses()).toEqual(eventIds.map(() => 'delivered')), {
      timeout: 40_000,
      interval: 100,
    });
    const ids = hook.received.map((request) => request.headers['webhook-id']);
    expect(new Set(ids)).toEqual(new Set(eventIds));
    for (const request of hook.received)
      expect(JSON.parse(request.body).id).toBe(request.headers['webhook-id']);
    // The requests in flight when the first worker died were sent again, under the same id.
    expect(ids.length).toBeGreaterThan(eventIds.length);
  });

  it('shares 200 events between two workers: each delivered once, never two sends of one at a time', async () => {
    const hook = await endpointReplying(() => ({ status: 200, delayMs: Math.floor(Math.random() * 20) }));
    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    const eventIds = await queueEvents(200);
    await vi.waitFor(async () => expect(await statuses()).toEqual(eventIds.map(() => 'delivered')), {
      timeout: 50_000,
      interval: 100,
    });
    expect(hook.overlapping).toEqual([]);
    const ids = hook.received.map((request) => request.headers['webhook-id']);
    expect(ids.toSorted()).toEqual(eventIds.toSorted());
    const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.tenantId, tenant.id));
    expect(attempts).toHaveLength(200);
    const sentBy = (worker: WorkerProcess | undefined) =>
      (worker?.output().match(/"event":"webhook\.attempt"/g) ?? []).length;
    expect(sentBy(a)).toBeGreaterThan(0);
    expect(sentBy(b)).toBeGreaterThan(0);
    expect(sentBy(a) + sentBy(b)).toBe(200);
  });

  it('runs the worker in the server process and, on SIGTERM, releases the attempt in flight and exits', async () => {
    let hang = false;
    const hook = await endpointReplying(() => (hang ? 'hang' : { status: 200 }));
    const server = await startServerProcess();
    const [delivered] = await queueEvents(1);
    await vi.waitFor(async () => expect(await statuses()).toEqual(['delivered']), {
      timeout: 20_000,
      interval: 50,
    });
    expect(hook.received.map((request) => request.headers['webhook-id'])).toEqual([delivered]);

    hang = true;
    await queueEvents(1);
    await vi.waitFor(() => expect(hook.received).toHaveLength(2), { timeout: 20_000, interval: 20 });
    server.child.kill('SIGTERM');
    await server.exited;
    expect(server.child.exitCode).toBe(143);
    const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.tenantId, tenant.id));
    expect(rows.map((row) => [row.status, row.attempts]).sort()).toEqual([
      ['delivered', 1],
      ['pending', 0],
    ]);
  });
});
