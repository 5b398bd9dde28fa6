import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '@/lib/db/schema';
import { randomId } from '@/lib/security/random-id';
import type { Tenant } from '@/lib/tenants/tenant';
import type { ClaimedDelivery } from '@/lib/webhooks/claim-due-deliveries';
import { deliverDueWebhooks, startDeliveryWorker } from '@/lib/webhooks/delivery-worker';
import { RETRY_DELAYS_MS, recordDeliveryAttempt } from '@/lib/webhooks/record-delivery-attempt';
import { memoryDbWithTenant } from '../support/memory-db';

vi.stubEnv('LOG_LEVEL', 'silent');

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;

beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
});
afterAll(async () => close());

// SPEC §8: retries after ≈ 5 s, 1 min, 10 min, 1 h, 6 h and 24 h, then the delivery is failed.
const BACK_OFF_MS = [5_000, 60_000, 600_000, 3_600_000, 21_600_000, 86_400_000];

describe('webhook back-off', () => {
  it('is the documented table, in milliseconds', () => {
    expect([...RETRY_DELAYS_MS]).toEqual(BACK_OFF_MS);
  });

  /** A delivery held by a worker on its nth attempt, as claimDueDeliveries hands it out. */
  async function heldDelivery(attempt: number): Promise<ClaimedDelivery> {
    const endpointId = randomId('whe');
    const eventId = randomId('evt');
    const id = randomId('whd');
    const lease = new Date('2026-12-01T10:01:00.000Z');
    await db.insert(webhookEndpoints).values({
      id: endpointId,
      tenantId: tenant.id,
      url: 'https://hooks.acme.test/',
      secretCiphertext: 'v1.x.y.z',
    });
    await db.insert(webhookEvents).values({ id: eventId, tenantId: tenant.id, type: 'ping', data: {} });
    await db.insert(webhookDeliveries).values({
      id,
      tenantId: tenant.id,
      eventId,
      endpointId,
      status: 'delivering',
      attempts: attempt,
      lockedUntil: lease,
    });
    return {
      id,
      tenantId: tenant.id,
      endpointId,
      attempt,
      lease,
      url: 'https://hooks.acme.test/',
      secretCiphertext: 'v1.x.y.z',
      event: { id: eventId, type: 'ping', data: {}, createdAt: new Date() },
    };
  }

  const failure = { delivered: false, statusCode: 500, responseExcerpt: 'oops', error: null, durationMs: 12 };
  const now = new Date('2026-12-01T10:00:00.000Z');

  it.each(BACK_OFF_MS.map((delay, index) => [index + 1, delay]))(
    'after failed attempt %i waits %i ms',
    async (attempt, delay) => {
      const delivery = await heldDelivery(attempt);
      expect(await recordDeliveryAttempt(db, { delivery, result: failure, now })).toBe('retrying');
      const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
      expect(row?.status).toBe('pending');
      expect(row?.nextAttemptAt.getTime()).toBe(now.getTime() + delay);
      expect(row?.lockedUntil).toBeNull();
    },
  );

  it('fails the delivery after the seventh attempt', async () => {
    const delivery = await heldDelivery(7);
    expect(await recordDeliveryAttempt(db, { delivery, result: failure, now })).toBe('failed');
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(row?.status).toBe('failed');
  });
});

describe('webhook delivery deadline', () => {
  // An empty queue: removing the endpoints removes their deliveries.
  beforeAll(async () => {
    await db.delete(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenant.id));
  });

  // The lease must outlast an attempt by over a second, so the default 15 s attempt shows in the
  // smallest lease a caller may choose without setting timeoutMs.
  it('gives an attempt 15 s by default', async () => {
    await expect(deliverDueWebhooks(db, { leaseMs: 16_000 })).rejects.toThrow(
      'leaseMs must exceed timeoutMs by more than a second',
    );
    await expect(deliverDueWebhooks(db, { leaseMs: 16_001 })).resolves.toMatchObject({ claimed: 0 });
    expect(() => startDeliveryWorker(async () => db, { intervalMs: 60_000, leaseMs: 16_000 })).toThrow(
      'leaseMs must exceed timeoutMs',
    );
  });

  it('holds a claim for 60 s by default', async () => {
    await expect(deliverDueWebhooks(db, { timeoutMs: 58_999 })).resolves.toMatchObject({ claimed: 0 });
    await expect(deliverDueWebhooks(db, { timeoutMs: 59_000 })).rejects.toThrow('leaseMs must exceed');
  });
});
