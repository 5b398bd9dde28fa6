import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { disconnectConnection } from '@/lib/connections/disconnect-connection';
import { receivePlatformWebhook } from '@/lib/connections/receive-platform-webhook';
import { setSandboxConnectionStatus } from '@/lib/connections/set-connection-status';
import { SourceUnavailableError } from '@/lib/connections/sources/connection-source';
import { syncPlatformConnections } from '@/lib/connections/sync-platform-connections';
import { type Database, openDatabase } from '@/lib/db/client';
import { auditEvents, connections, webhookEvents } from '@/lib/db/schema';
import { PortalError } from '@/lib/errors';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { updateTenant } from '@/lib/tenants/update-tenant';
import { type TerraEmulator, startTerraEmulator } from '../emulators/terra/server';
import { openMemoryDatabase } from '../support/memory-db';
import { createThrowawayDatabase } from '../support/throwaway-postgres';

vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');
vi.stubEnv('LOG_LEVEL', 'silent');

const DEV = { devId: 'race-dev', apiKey: 'race-terra-key', signingSecret: 'race-terra-secret' };
const serverUrl = process.env.TEST_DATABASE_URL;

type Opened = { db: Database; close: () => Promise<void> };

/** A Terra emulator whose webhooks land in `receivePlatformWebhook` on the given database, as the route would. */
async function terraDeliveringTo(getDb: () => { db: Database; tenant: Tenant }) {
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const { db, tenant } = getDb();
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers.set(name, value);
      const request = new Request('http://portal.test/api/webhooks/terra/fitco', {
        method: 'POST',
        headers,
        body: rawBody,
      });
      receivePlatformWebhook(db, { tenant, request, rawBody }).then(
        () => res.writeHead(200).end('{}'),
        () => res.writeHead(500).end('{}'),
      );
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  const terra = await startTerraEmulator({
    developers: [{ ...DEV, webhookUrl: `http://127.0.0.1:${port}/` }],
  });
  return {
    terra,
    close: async () => {
      await terra.close();
      await new Promise((resolve) => receiver.close(resolve));
    },
  };
}

async function admin<T>(terra: TerraEmulator, path: string, body?: unknown): Promise<T> {
  const init =
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(`${terra.url}/__emulator/${path}`, init);
  return (await res.json()) as T;
}

async function tenantsIn(db: Database, terra: TerraEmulator) {
  const sandbox = await createTenant(db, {
    slug: 'acme',
    name: 'Acme',
    source: 'sandbox',
    returnOrigins: [],
  });
  const created = await createTenant(db, {
    slug: 'fitco',
    name: 'FitCo',
    source: 'terra',
    returnOrigins: [],
  });
  const fitco = await updateTenant(db, {
    tenantId: created.id,
    patch: {
      sourceSettings: { devId: DEV.devId, baseUrl: `${terra.url}/v2` },
      sourceSecrets: { apiKey: DEV.apiKey, webhookSecret: DEV.signingSecret },
    },
  });
  return { sandbox, fitco };
}

let counter = 0;
async function activeConnection(db: Database, tenant: Tenant, externalUserId: string | null = null) {
  counter += 1;
  const id = `conn_race${String(counter).padStart(12, '0')}`;
  await db.insert(connections).values({
    id,
    tenantId: tenant.id,
    referenceId: `race-user-${counter}`,
    provider: 'OURA',
    source: tenant.source,
    status: 'active',
    externalUserId,
  });
  return id;
}

/** A Terra user at the emulator and our active connection for it. */
async function terraConnection(db: Database, terra: TerraEmulator, tenant: Tenant) {
  const { user } = await admin<{ user: { user_id: string } }>(terra, 'users', {
    dev_id: DEV.devId,
    provider: 'OURA',
    reference_id: `terra-race-${counter + 1}`,
  });
  return { connectionId: await activeConnection(db, tenant, user.user_id), terraUserId: user.user_id };
}

function disconnect(db: Database, tenant: Tenant, connectionId: string) {
  return disconnectConnection(db, {
    tenant,
    connectionId,
    initiatedBy: 'api',
    actor: { type: 'api', id: 'key_race' },
  });
}

async function eventsFor(db: Database, tenant: Tenant, connectionId: string) {
  const rows = await db.select().from(webhookEvents).where(eq(webhookEvents.tenantId, tenant.id));
  return rows
    .filter((row) => (row.data.connection as { id?: string } | undefined)?.id === connectionId)
    .map((row) => [row.type, row.data.initiated_by]);
}

async function auditFor(db: Database, tenant: Tenant, connectionId: string) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.subjectId, connectionId)));
  return rows.map((row) => [row.action, row.actorType]);
}

async function deauthCalls(terra: TerraEmulator, terraUserId: string): Promise<number> {
  const { requests } = await admin<{
    requests: { method: string; path: string; query: { user_id?: string } }[];
  }>(terra, 'requests');
  return requests.filter(
    (r) =>
      r.method === 'DELETE' && r.path === '/v2/auth/deauthenticateUser' && r.query.user_id === terraUserId,
  ).length;
}

/** Waits until the emulator has delivered its `deauth` webhook for this user and we answered it. */
async function deauthWebhookAnswered(terra: TerraEmulator, terraUserId: string) {
  type Log = {
    webhooks: { type: string; status_code: number | null; payload: { user?: { user_id?: string } } }[];
  };
  await expect
    .poll(async () =>
      (await admin<Log>(terra, 'webhooks')).webhooks
        .filter((w) => w.type === 'deauth' && w.payload.user?.user_id === terraUserId)
        .map((w) => w.status_code),
    )
    .toEqual([200]);
}

/** How many sessions of this database are waiting for a lock (PostgreSQL). */
async function lockWaiters(db: Database): Promise<number> {
  const result = await db.execute(
    sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
  );
  return z.object({ rows: z.tuple([z.object({ waiting: z.number() })]) }).parse(result).rows[0].waiting;
}

/**
 * Terra's REST API behind a slow network: Terra has already deauthenticated the user (and queued its
 * `deauth` webhook), but its answer reaches us only once `waiters` other sessions are queued on our row
 * lock — the webhook, or a page's refresh started by `whileHeld`, arrives during the disconnect.
 */
async function slowTerraAnswers(
  terra: TerraEmulator,
  db: Database,
  options: { waiters: number; whileHeld?: () => void },
) {
  const proxy = http.createServer((req, res) => {
    void (async () => {
      const upstream = await fetch(`${terra.url}${req.url ?? '/'}`, {
        method: req.method,
        headers: Object.fromEntries(
          Object.entries(req.headers).flatMap(([name, value]) =>
            typeof value === 'string' && name !== 'host' ? [[name, value]] : [],
          ),
        ),
      });
      const body = await upstream.text();
      if (req.method === 'DELETE') {
        options.whileHeld?.();
        // Within Terra's 5 s client timeout; without a row lock nobody queues and this gives up.
        await expect.poll(() => lockWaiters(db), { timeout: 3_000 }).toBe(options.waiters);
      }
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
    })().catch(() => res.writeHead(502, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    restBase: `http://127.0.0.1:${port}/v2`,
    close: () => new Promise((resolve) => proxy.close(resolve)),
  };
}

describe.runIf(serverUrl)('racing disconnects on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let opened: Opened;
  let world: { sandbox: Tenant; fitco: Tenant };
  let emulator: Awaited<ReturnType<typeof terraDeliveringTo>>;

  beforeAll(async () => {
    database = await createThrowawayDatabase(serverUrl ?? '', 'disconnect');
    opened = await openDatabase({ databaseUrl: database.url });
    emulator = await terraDeliveringTo(() => ({ db: opened.db, tenant: world.fitco }));
    world = await tenantsIn(opened.db, emulator.terra);
  }, 30_000);
  afterAll(async () => {
    await emulator?.close();
    await opened?.close();
    await database?.drop();
  });

  it('20 at once on a sandbox connection: all return it disconnected, with one event and one audit row', async () => {
    const { db } = opened;
    const connectionId = await activeConnection(db, world.sandbox);
    const rows = await Promise.all(
      Array.from({ length: 20 }, () => disconnect(db, world.sandbox, connectionId)),
    );
    expect(rows.map((row) => [row.id, row.status])).toEqual(Array(20).fill([connectionId, 'disconnected']));
    expect(await eventsFor(db, world.sandbox, connectionId)).toEqual([['connection.deleted', 'api']]);
    expect(await auditFor(db, world.sandbox, connectionId)).toEqual([['connection.deleted', 'api']]);
  });

  it('20 at once on a Terra connection: one call to Terra, and its deauth webhook adds nothing', async () => {
    const { db } = opened;
    const { connectionId, terraUserId } = await terraConnection(db, emulator.terra, world.fitco);
    const rows = await Promise.all(
      Array.from({ length: 20 }, () => disconnect(db, world.fitco, connectionId)),
    );
    expect(rows.map((row) => row.status)).toEqual(Array(20).fill('disconnected'));
    expect(await deauthCalls(emulator.terra, terraUserId)).toBe(1);
    await deauthWebhookAnswered(emulator.terra, terraUserId);
    expect(await eventsFor(db, world.fitco, connectionId)).toEqual([['connection.deleted', 'api']]);
    expect(await auditFor(db, world.fitco, connectionId)).toEqual([['connection.deleted', 'api']]);
  });

  it('a sandbox status change racing a disconnect never brings the connection back', async () => {
    const { db } = opened;
    const connectionId = await activeConnection(db, world.sandbox);
    let change: Promise<unknown> = Promise.resolve();
    // A disconnect holding the row (as disconnectConnection does) commits while the change is under way.
    await db.transaction(async (tx) => {
      await tx
        .select()
        .from(connections)
        .where(and(eq(connections.tenantId, world.sandbox.id), eq(connections.id, connectionId)))
        .for('update');
      change = setSandboxConnectionStatus(db, {
        tenantId: world.sandbox.id,
        connectionId,
        status: 'reauth_required',
        actor: { type: 'api', id: 'key_race' },
      }).catch((error: unknown) => error);
      await expect.poll(() => lockWaiters(db), { timeout: 3_000 }).toBe(1);
      await tx
        .update(connections)
        .set({ status: 'disconnected', disconnectedAt: new Date() })
        .where(and(eq(connections.tenantId, world.sandbox.id), eq(connections.id, connectionId)));
    });
    const outcome = await change;
    expect(outcome instanceof PortalError ? outcome.code : outcome).toBe('connection_disconnected');
    const [row] = await db.select().from(connections).where(eq(connections.id, connectionId));
    expect(row?.status).toBe('disconnected');
    expect(await eventsFor(db, world.sandbox, connectionId)).toEqual([]);
  });

  it('a deauth webhook and a refresh that arrive while Terra is answering add no second event', async () => {
    const { db } = opened;
    const { connectionId, terraUserId } = await terraConnection(db, emulator.terra, world.fitco);
    const [connection] = await db.select().from(connections).where(eq(connections.id, connectionId));
    let refresh: Promise<void> = Promise.resolve();
    const slow = await slowTerraAnswers(emulator.terra, db, {
      waiters: 2,
      whileHeld: () => {
        refresh = syncPlatformConnections(db, {
          tenant: slowFitco,
          referenceId: connection?.referenceId ?? '',
        });
      },
    });
    const slowFitco = await updateTenant(db, {
      tenantId: world.fitco.id,
      patch: { sourceSettings: { devId: DEV.devId, baseUrl: slow.restBase } },
    });
    try {
      const row = await disconnect(db, slowFitco, connectionId);
      expect(row.status).toBe('disconnected');
      await refresh;
      await deauthWebhookAnswered(emulator.terra, terraUserId);
    } finally {
      await slow.close();
      await updateTenant(db, {
        tenantId: world.fitco.id,
        patch: { sourceSettings: { devId: DEV.devId, baseUrl: `${emulator.terra.url}/v2` } },
      });
    }
    expect(await eventsFor(db, world.fitco, connectionId)).toEqual([['connection.deleted', 'api']]);
    expect(await auditFor(db, world.fitco, connectionId)).toEqual([['connection.deleted', 'api']]);
  });
});

describe('a disconnect Terra refuses (embedded PGlite)', () => {
  let opened: Opened;
  let world: { sandbox: Tenant; fitco: Tenant };
  let emulator: Awaited<ReturnType<typeof terraDeliveringTo>>;

  beforeAll(async () => {
    opened = await openMemoryDatabase();
    emulator = await terraDeliveringTo(() => ({ db: opened.db, tenant: world.fitco }));
    world = await tenantsIn(opened.db, emulator.terra);
  }, 30_000);
  afterAll(async () => {
    await emulator?.close();
    await opened?.close();
  });

  it('leaves the connection as it was and tells the caller; the retry disconnects once', async () => {
    const { db } = opened;
    const { connectionId, terraUserId } = await terraConnection(db, emulator.terra, world.fitco);
    await admin(emulator.terra, 'faults', {
      method: 'DELETE',
      path: '/auth/deauthenticateUser',
      kind: 'status500',
      count: 1,
    });
    await expect(disconnect(db, world.fitco, connectionId)).rejects.toBeInstanceOf(SourceUnavailableError);
    const [row] = await db.select().from(connections).where(eq(connections.id, connectionId));
    expect([row?.status, row?.disconnectedAt]).toEqual(['active', null]);
    expect(await eventsFor(db, world.fitco, connectionId)).toEqual([]);
    expect(await auditFor(db, world.fitco, connectionId)).toEqual([]);

    const rows = await Promise.all(
      Array.from({ length: 5 }, () => disconnect(db, world.fitco, connectionId)),
    );
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('disconnected'));
    expect(await deauthCalls(emulator.terra, terraUserId)).toBe(2);
    await deauthWebhookAnswered(emulator.terra, terraUserId);
    expect(await eventsFor(db, world.fitco, connectionId)).toEqual([['connection.deleted', 'api']]);
    expect(await auditFor(db, world.fitco, connectionId)).toEqual([['connection.deleted', 'api']]);
  });
});
