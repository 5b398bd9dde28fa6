import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '@/lib/db/schema';
import type { Tenant } from '@/lib/tenants/tenant';
import { claimDueDeliveries } from '@/lib/webhooks/claim-due-deliveries';
import { memoryDbWithTenant } from '../support/memory-db';

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;

beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
});
afterAll(async () => close());
afterEach(async () => {
  await db.delete(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenant.id));
});

const NOW = new Date('2026-12-01T10:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const settings = { now: NOW, limit: 100, perEndpoint: 100, leaseMs: 30_000 };

let counter = 0;
async function endpoint(name: string) {
  await db.insert(webhookEndpoints).values({
    id: `whe_${name}`,
    tenantId: tenant.id,
    url: `https://${name}.example.test/hook`,
    secretCiphertext: `v1.${name}`,
  });
  return `whe_${name}`;
}

async function delivery(
  endpointId: string,
  fields: Partial<typeof webhookDeliveries.$inferInsert> = {},
): Promise<string> {
  counter += 1;
  const eventId = `evt_${String(counter).padStart(3, '0')}`;
  const id = `whd_${String(counter).padStart(3, '0')}`;
  await db.insert(webhookEvents).values({
    id: eventId,
    tenantId: tenant.id,
    type: 'connection.created',
    data: { n: counter },
    createdAt: at(-1000),
  });
  await db
    .insert(webhookDeliveries)
    .values({ id, tenantId: tenant.id, eventId, endpointId, nextAttemptAt: NOW, ...fields });
  return id;
}

const idsOf = (claimed: { id: string }[]) => claimed.map((d) => d.id).sort();

describe('claimDueDeliveries', () => {
  it('hands out everything a sender needs, counts the attempt and takes a lease', async () => {
    const endpointId = await endpoint('one');
    const id = await delivery(endpointId, { attempts: 2 });
    const [claimed] = await claimDueDeliveries(db, settings);
    expect(claimed).toEqual({
      id,
      tenantId: tenant.id,
      endpointId,
      attempt: 3,
      lease: at(30_000),
      url: 'https://one.example.test/hook',
      secretCiphertext: 'v1.one',
      previousSecretCiphertext: null,
      event: {
        id: id.replace('whd_', 'evt_'),
        type: 'connection.created',
        data: { n: counter },
        createdAt: at(-1000),
      },
    });
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(row).toMatchObject({ status: 'delivering', attempts: 3, lockedUntil: at(30_000) });
  });

  it('claims pending deliveries due now or earlier, not one due a millisecond later', async () => {
    const endpointId = await endpoint('due');
    const due = await delivery(endpointId, { nextAttemptAt: NOW });
    const overdue = await delivery(endpointId, { nextAttemptAt: at(-60_000) });
    await delivery(endpointId, { nextAttemptAt: at(1) });
    expect(idsOf(await claimDueDeliveries(db, settings))).toEqual([due, overdue].sort());
  });

  it('reclaims a delivery whose lease has run out, not one still held', async () => {
    const endpointId = await endpoint('lease');
    const lapsed = await delivery(endpointId, { status: 'delivering', lockedUntil: NOW });
    await delivery(endpointId, { status: 'delivering', lockedUntil: at(1) });
    expect(idsOf(await claimDueDeliveries(db, settings))).toEqual([lapsed]);
  });

  it('never claims delivered or failed deliveries', async () => {
    const endpointId = await endpoint('done');
    await delivery(endpointId, { status: 'delivered', nextAttemptAt: at(-1) });
    await delivery(endpointId, { status: 'failed', nextAttemptAt: at(-1) });
    expect(await claimDueDeliveries(db, settings)).toEqual([]);
  });

  it('claims at most `limit`, oldest due first', async () => {
    const endpointId = await endpoint('limit');
    const later = await delivery(endpointId, { nextAttemptAt: at(-1_000) });
    const oldest = await delivery(endpointId, { nextAttemptAt: at(-3_000) });
    const middle = await delivery(endpointId, { nextAttemptAt: at(-2_000) });
    expect(idsOf(await claimDueDeliveries(db, { ...settings, limit: 2 }))).toEqual([oldest, middle].sort());
    expect(idsOf(await claimDueDeliveries(db, settings))).toEqual([later]);
  });

  it('counts an endpoint’s live leases against its share, but not lapsed ones', async () => {
    const endpointId = await endpoint('share');
    await delivery(endpointId, { status: 'delivering', lockedUntil: at(10_000) });
    await delivery(endpointId, { status: 'delivering', lockedUntil: at(10_000) });
    const lapsed = await delivery(endpointId, {
      status: 'delivering',
      lockedUntil: at(-1),
      nextAttemptAt: at(-10),
    });
    const first = await delivery(endpointId, { nextAttemptAt: at(-2) });
    await delivery(endpointId, { nextAttemptAt: at(-1) });
    // Two live leases and a share of 4: two more, in due order (the lapsed lease is the oldest due).
    expect(idsOf(await claimDueDeliveries(db, { ...settings, perEndpoint: 4 }))).toEqual(
      [lapsed, first].sort(),
    );
  });

  it('gives every endpoint its own share', async () => {
    const a = await endpoint('a');
    const b = await endpoint('b');
    const a1 = await delivery(a, { nextAttemptAt: at(-3) });
    await delivery(a, { nextAttemptAt: at(-2) });
    const b1 = await delivery(b, { nextAttemptAt: at(-1) });
    expect(idsOf(await claimDueDeliveries(db, { ...settings, perEndpoint: 1 }))).toEqual([a1, b1].sort());
  });

  it("holds a disabled endpoint's deliveries, due or with a lapsed lease, until it is enabled again", async () => {
    const paused = await endpoint('paused');
    const live = await endpoint('live');
    const waiting = await delivery(paused);
    const lapsed = await delivery(paused, { status: 'delivering', lockedUntil: at(-1) });
    const other = await delivery(live);
    await db.update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.id, paused));
    expect(idsOf(await claimDueDeliveries(db, settings))).toEqual([other]);
    await db.update(webhookEndpoints).set({ enabled: true }).where(eq(webhookEndpoints.id, paused));
    expect(idsOf(await claimDueDeliveries(db, settings))).toEqual([waiting, lapsed].sort());
  });

  it('hands out the replaced secret only while its overlap lasts', async () => {
    const rotated = await endpoint('rotated');
    const expired = await endpoint('expired');
    await db
      .update(webhookEndpoints)
      .set({ previousSecretCiphertext: 'v1.old-rotated', previousSecretExpiresAt: at(1) })
      .where(eq(webhookEndpoints.id, rotated));
    await db
      .update(webhookEndpoints)
      .set({ previousSecretCiphertext: 'v1.old-expired', previousSecretExpiresAt: at(0) })
      .where(eq(webhookEndpoints.id, expired));
    await delivery(rotated);
    await delivery(expired);
    const claimed = await claimDueDeliveries(db, settings);
    expect(claimed.map((d) => [d.endpointId, d.previousSecretCiphertext]).sort()).toEqual([
      ['whe_expired', null],
      ['whe_rotated', 'v1.old-rotated'],
    ]);
  });

  it('returns nothing, and changes nothing, when nothing is due', async () => {
    const endpointId = await endpoint('idle');
    const id = await delivery(endpointId, { nextAttemptAt: at(60_000) });
    expect(await claimDueDeliveries(db, settings)).toEqual([]);
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(row).toMatchObject({ status: 'pending', attempts: 0, lockedUntil: null });
  });
});
