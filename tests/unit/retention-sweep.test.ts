import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/client';
import {
  connectAttempts,
  idempotencyKeys,
  inboundWebhookReceipts,
  portalLinks,
  portalSessions,
  rateLimitBuckets,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
} from '@/lib/db/schema';
import { sweepExpiredRows } from '@/lib/maintenance/sweep-expired-rows';
import type { Tenant } from '@/lib/tenants/tenant';
import { memoryDbWithTenant } from '../support/memory-db';

const NOW = new Date('2026-12-01T12:00:00Z');
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const DAYS = 24;

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;

beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
});
afterAll(async () => close());

async function event(
  id: string,
  createdAt: Date,
  deliveries: ('pending' | 'delivering' | 'delivered' | 'failed')[],
) {
  await db.insert(webhookEvents).values({ id, tenantId: tenant.id, type: 'ping', data: {}, createdAt });
  for (const [n, status] of deliveries.entries()) {
    await db.insert(webhookDeliveries).values({
      id: `${id}-d${n}`,
      tenantId: tenant.id,
      eventId: id,
      endpointId: 'whe_sweep',
      status,
      createdAt,
    });
    await db.insert(webhookAttempts).values({
      id: `${id}-a${n}`,
      tenantId: tenant.id,
      deliveryId: `${id}-d${n}`,
      attempt: 1,
      durationMs: 5,
      createdAt,
    });
  }
}

const link = (id: string, expiresAt: Date) => ({
  id,
  tenantId: tenant.id,
  tokenHash: `hash-${id}`,
  referenceId: 'u',
  intent: 'manage' as const,
  channel: 'redirect' as const,
  expiresAt,
});

const session = (id: string, ends: { idle: Date; absolute: Date; revoked?: Date }) => ({
  id,
  tenantId: tenant.id,
  referenceId: 'u',
  linkId: 'pl_x',
  idleExpiresAt: ends.idle,
  absoluteExpiresAt: ends.absolute,
  revokedAt: ends.revoked ?? null,
});

const ids = async (
  table: typeof webhookEvents | typeof portalLinks | typeof portalSessions | typeof connectAttempts,
) => (await db.select({ id: table.id }).from(table)).map((row) => row.id).sort();

describe('the retention sweep (30 days)', () => {
  it('deletes what has ended and keeps what may still be asked for, in batches', async () => {
    await db.insert(webhookEndpoints).values({
      id: 'whe_sweep',
      tenantId: tenant.id,
      url: 'https://hooks.example.com/x',
      secretCiphertext: 'unused',
    });
    await event('evt_old_delivered', ago(31 * DAYS), ['delivered', 'failed']);
    await event('evt_old_no_endpoint', ago(40 * DAYS), []);
    await event('evt_old_pending', ago(40 * DAYS), ['delivered', 'pending']);
    await event('evt_old_delivering', ago(40 * DAYS), ['delivering']);
    await event('evt_recent', ago(29 * DAYS), ['delivered']);
    for (let n = 0; n < 5; n += 1) await db.insert(portalLinks).values(link(`pl_gone${n}`, ago(8 * DAYS)));
    await db.insert(portalLinks).values([link('pl_week', ago(6 * DAYS)), link('pl_live', ago(-1))]);
    await db
      .insert(portalSessions)
      .values([
        session('ps_ended', { idle: ago(3 * DAYS), absolute: ago(2 * DAYS) }),
        session('ps_idle_yesterday', { idle: ago(25), absolute: ago(-100) }),
        session('ps_idle_recent', { idle: ago(2), absolute: ago(-100) }),
        session('ps_revoked', { idle: ago(-1), absolute: ago(-100), revoked: ago(2 * DAYS) }),
        session('ps_revoked_now', { idle: ago(-1), absolute: ago(-100), revoked: ago(1) }),
        session('ps_live', { idle: ago(-1), absolute: ago(-100) }),
      ]);
    const attempt = (id: string, expiresAt: Date) => ({
      id,
      tenantId: tenant.id,
      sessionId: 'ps_live',
      referenceId: 'u',
      provider: 'OURA',
      stateHash: `state-${id}`,
      expiresAt,
    });
    await db.insert(connectAttempts).values([attempt('ca_old', ago(2 * DAYS)), attempt('ca_recent', ago(1))]);
    const key = (k: string, createdAt: Date) => ({
      tenantId: tenant.id,
      key: k,
      method: 'POST',
      path: '/api/v1/portal_links',
      requestHash: 'h',
      createdAt,
    });
    await db.insert(idempotencyKeys).values([key('old', ago(25)), key('recent', ago(23))]);
    await db.insert(rateLimitBuckets).values([
      { key: 'api:old', windowStart: ago(2), count: 3 },
      { key: 'api:now', windowStart: NOW, count: 1 },
    ]);
    await db.insert(inboundWebhookReceipts).values([
      { tenantId: tenant.id, source: 'terra', traceId: 'old', createdAt: ago(31 * DAYS) },
      { tenantId: tenant.id, source: 'terra', traceId: 'recent', createdAt: ago(DAYS) },
    ]);

    const counts = await sweepExpiredRows(db, { now: NOW, webhookRetentionDays: 30, batchSize: 2 });
    expect(counts).toEqual({
      events: 2,
      links: 5,
      sessions: 3,
      connectAttempts: 1,
      idempotencyKeys: 1,
      rateLimitBuckets: 1,
      inboundReceipts: 1,
    });
    expect(await ids(webhookEvents)).toEqual(['evt_old_delivering', 'evt_old_pending', 'evt_recent']);
    const deliveries = (await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries)).map(
      (r) => r.id,
    );
    expect(deliveries.sort()).toEqual([
      'evt_old_delivering-d0',
      'evt_old_pending-d0',
      'evt_old_pending-d1',
      'evt_recent-d0',
    ]);
    expect((await db.select().from(webhookAttempts)).length).toBe(4);
    expect(await ids(portalLinks)).toEqual(['pl_live', 'pl_week']);
    expect(await ids(portalSessions)).toEqual(['ps_idle_recent', 'ps_live', 'ps_revoked_now']);
    expect(await ids(connectAttempts)).toEqual(['ca_recent']);
    expect((await db.select().from(idempotencyKeys)).map((row) => row.key)).toEqual(['recent']);
    expect((await db.select().from(rateLimitBuckets)).map((row) => row.key)).toEqual(['api:now']);
    expect((await db.select().from(inboundWebhookReceipts)).map((row) => row.traceId)).toEqual(['recent']);

    expect(await sweepExpiredRows(db, { now: NOW, webhookRetentionDays: 30 })).toEqual({
      events: 0,
      links: 0,
      sessions: 0,
      connectAttempts: 0,
      idempotencyKeys: 0,
      rateLimitBuckets: 0,
      inboundReceipts: 0,
    });
  });
});
