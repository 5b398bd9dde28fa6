import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db/client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/lib/db/schema';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { claimDueDeliveries } from '@/lib/webhooks/claim-due-deliveries';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import { deliverDueWebhooks, startDeliveryWorker } from '@/lib/webhooks/delivery-worker';
import { emitEvent } from '@/lib/webhooks/emit-event';
import { recordDeliveryAttempt } from '@/lib/webhooks/record-delivery-attempt';
import { removeWebhookEndpoint } from '@/lib/webhooks/remove-webhook-endpoint';
import { type ReceiverReply, startWebhookReceiver } from '../support/webhook-receiver';
import { webhookTestBackends } from '../support/webhook-test-db';

vi.stubEnv('NEXTAUTH_SECRET', 'unit-test-secret-0123456789abcdef0123');
vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');
vi.stubEnv('WEBHOOKS_ALLOW_LOOPBACK', '1');
vi.stubEnv('LOG_LEVEL', 'silent');

const claimSettings = { limit: 100, perEndpoint: 100, leaseMs: 60_000 };

describe.each(webhookTestBackends())('webhook worker on $name', (backend) => {
  let db: Database;
  let close: () => Promise<void>;
  let acme: Tenant;
  let globex: Tenant;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    ({ db, close } = await backend.open());
    const tenant = (slug: string) =>
      createTenant(db, { slug, name: slug, source: 'sandbox', returnOrigins: [] });
    [acme, globex] = await Promise.all([tenant('acme'), tenant('globex')]);
  });
  afterAll(async () => close());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    for (const tenant of [acme, globex])
      await db.delete(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenant.id));
  });

  async function endpointFor(tenant: Tenant, reply: ReceiverReply) {
    const hook = await startWebhookReceiver(() => reply);
    cleanups.push(hook.close);
    const { endpoint } = await createWebhookEndpoint(db, {
      tenantId: tenant.id,
      url: hook.url,
      eventTypes: null,
    });
    return { hook, endpoint };
  }

  async function queueEvents(tenant: Tenant, count: number) {
    return db.transaction(async (tx) => {
      const ids: string[] = [];
      for (let n = 0; n < count; n += 1)
        ids.push(await emitEvent(tx, { tenantId: tenant.id, type: 'connection.created', data: { n } }));
      return ids;
    });
  }

  async function deliveriesOf(tenant: Tenant) {
    return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.tenantId, tenant.id));
  }

  it('lets one busy endpoint take only its share, so another tenant is claimed in the same round', async () => {
    const slow = await endpointFor(acme, { status: 500 });
    const other = await endpointFor(globex, { status: 200 });
    await queueEvents(acme, 30);
    await queueEvents(globex, 1);
    const now = new Date();
    const first = await claimDueDeliveries(db, { now, limit: 10, perEndpoint: 3, leaseMs: 60_000 });
    expect(first.filter((d) => d.endpointId === slow.endpoint.id)).toHaveLength(3);
    expect(first.filter((d) => d.endpointId === other.endpoint.id)).toHaveLength(1);
    // Its three in flight count against it until their leases end.
    expect(await claimDueDeliveries(db, { now, limit: 10, perEndpoint: 3, leaseMs: 60_000 })).toEqual([]);
  });

  it('never hands the same delivery to two claims made at the same moment', async () => {
    await endpointFor(acme, { status: 200 });
    await queueEvents(acme, 40);
    const now = new Date();
    const [a, b] = await Promise.all([
      claimDueDeliveries(db, { ...claimSettings, now, limit: 25 }),
      claimDueDeliveries(db, { ...claimSettings, now, limit: 25 }),
    ]);
    const ids = [...(a ?? []), ...(b ?? [])].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
  });

  it('reclaims a delivery whose worker died once its lease runs out, with the same webhook-id', async () => {
    const { hook } = await endpointFor(acme, { status: 200 });
    const [eventId] = await queueEvents(acme, 1);
    const t0 = new Date();
    // A worker claims and then dies before sending or recording anything.
    expect(await claimDueDeliveries(db, { ...claimSettings, now: t0 })).toHaveLength(1);
    expect(await deliverDueWebhooks(db, { now: new Date(t0.getTime() + 59_000) })).toMatchObject({
      claimed: 0,
    });
    expect(await deliverDueWebhooks(db, { now: new Date(t0.getTime() + 60_000) })).toMatchObject({
      delivered: 1,
    });
    expect(hook.received.map((r) => r.headers['webhook-id'])).toEqual([eventId]);
    expect(await deliveriesOf(acme)).toMatchObject([{ status: 'delivered', attempts: 2 }]);
  });

  it('ignores the result of a worker whose lease was taken over, but still logs its attempt', async () => {
    await endpointFor(acme, { status: 200 });
    await queueEvents(acme, 1);
    const t0 = new Date();
    const [stale] = await claimDueDeliveries(db, { ...claimSettings, now: t0 });
    if (!stale) throw new Error('nothing claimed');
    expect(await deliverDueWebhooks(db, { now: new Date(t0.getTime() + 61_000) })).toMatchObject({
      delivered: 1,
    });
    const outcome = await recordDeliveryAttempt(db, {
      delivery: stale,
      result: { delivered: false, statusCode: 500, responseExcerpt: null, error: null, durationMs: 1 },
      now: new Date(),
    });
    expect(outcome).toBe('superseded');
    const [delivery] = await deliveriesOf(acme);
    expect(delivery).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
    const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, stale.id));
    expect(attempts.map((a) => a.statusCode).sort()).toEqual([200, 500]);
  });

  it('records nothing for a delivery whose endpoint was removed while it was in flight', async () => {
    const { endpoint } = await endpointFor(acme, { status: 200 });
    await queueEvents(acme, 1);
    const [claimed] = await claimDueDeliveries(db, { ...claimSettings, now: new Date() });
    if (!claimed) throw new Error('nothing claimed');
    await removeWebhookEndpoint(db, { tenantId: acme.id, endpointId: endpoint.id });
    await expect(
      recordDeliveryAttempt(db, {
        delivery: claimed,
        result: { delivered: true, statusCode: 200, responseExcerpt: 'ok', error: null, durationMs: 1 },
        now: new Date(),
      }),
    ).resolves.toBe('superseded');
  });

  it('finishes attempts in flight when stopped', async () => {
    const { hook } = await endpointFor(acme, { status: 200, delayMs: 200 });
    await queueEvents(acme, 2);
    const worker = startDeliveryWorker(async () => db, { intervalMs: 20 });
    await vi.waitFor(() => expect(hook.received).toHaveLength(2), { timeout: 5_000 });
    await worker.stop({ graceMs: 5_000 });
    expect((await deliveriesOf(acme)).map((d) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('releases the lease of an attempt that outlasts the grace period', async () => {
    const { hook } = await endpointFor(acme, 'hang');
    await queueEvents(acme, 1);
    const worker = startDeliveryWorker(async () => db, {
      intervalMs: 20,
      timeoutMs: 10_000,
      leaseMs: 60_000,
    });
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), { timeout: 5_000 });
    await worker.stop({ graceMs: 50 });
    const [delivery] = await deliveriesOf(acme);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 0, lockedUntil: null });
    expect(delivery?.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    const attempts = await db
      .select()
      .from(webhookAttempts)
      .where(and(eq(webhookAttempts.tenantId, acme.id), eq(webhookAttempts.deliveryId, delivery?.id ?? '')));
    expect(attempts).toEqual([]);
  });
});
