import { and, asc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '@/lib/db/schema';

/** One delivery this worker holds until `lease`; everything needed to send it, read in the claim. */
export type ClaimedDelivery = {
  id: string;
  tenantId: string;
  endpointId: string;
  /** 1 for the first attempt; counted at claim time, so a worker that dies mid-send still backs off. */
  attempt: number;
  /** The lease's expiry, also the fencing token: only the holder of this exact lease may record the result. */
  lease: Date;
  url: string;
  secretCiphertext: string;
  /** The secret a rotation replaced, while it still signs. */
  previousSecretCiphertext?: string | null;
  event: { id: string; type: string; data: Record<string, unknown>; createdAt: Date };
};

const deliveries = webhookDeliveries;

/**
 * Pending and due, or claimed by a worker whose lease ran out (it crashed or hung), for an endpoint
 * that is enabled: a disabled endpoint's deliveries wait until it is enabled again.
 */
function isDue(now: Date) {
  return and(
    or(
      and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, now)),
      and(eq(deliveries.status, 'delivering'), lte(deliveries.lockedUntil, now)),
    ),
    sql`exists (select 1 from ${webhookEndpoints} where ${webhookEndpoints.id} = ${deliveries.endpointId} and ${webhookEndpoints.enabled})`,
  );
}

/**
 * Claims up to `limit` due deliveries for this worker. `FOR UPDATE SKIP LOCKED` lets several workers
 * claim at once without ever taking the same row; the lease makes the claim outlive the transaction,
 * so sending happens outside it. No endpoint gets more than `perEndpoint` deliveries in flight (its
 * active leases count), so one slow or failing endpoint cannot hold up other tenants' deliveries.
 * This runs for every tenant at once, so it filters by delivery id rather than by tenant.
 */
export async function claimDueDeliveries(
  db: Database,
  input: { now: Date; limit: number; perEndpoint: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  const { now } = input;
  return db.transaction(async (tx) => {
    const busy = tx
      .select({ endpointId: deliveries.endpointId, inFlight: sql<number>`count(*)`.as('in_flight') })
      .from(deliveries)
      .where(and(eq(deliveries.status, 'delivering'), gt(deliveries.lockedUntil, now)))
      .groupBy(deliveries.endpointId)
      .as('busy');
    const queue = tx
      .select({
        id: deliveries.id,
        endpointId: deliveries.endpointId,
        position:
          sql<number>`row_number() over (partition by ${deliveries.endpointId} order by ${deliveries.nextAttemptAt}, ${deliveries.id})`.as(
            'position',
          ),
      })
      .from(deliveries)
      .where(isDue(now))
      .as('queue');
    const fairShare = tx
      .select({ id: queue.id })
      .from(queue)
      .leftJoin(busy, eq(busy.endpointId, queue.endpointId))
      .where(sql`${queue.position} + coalesce(${busy.inFlight}, 0) <= ${input.perEndpoint}`);
    // isDue is repeated on the locked rows: PostgreSQL re-checks it on a row another worker just claimed.
    const locked = await tx
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(isDue(now), inArray(deliveries.id, fairShare)))
      .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
      .limit(input.limit)
      .for('update', { skipLocked: true });
    if (locked.length === 0) return [];
    const ids = locked.map((row) => row.id);
    const lease = new Date(now.getTime() + input.leaseMs);
    await tx
      .update(deliveries)
      .set({ status: 'delivering', lockedUntil: lease, attempts: sql`${deliveries.attempts} + 1` })
      .where(inArray(deliveries.id, ids));
    const rows = await tx
      .select({ delivery: deliveries, event: webhookEvents, endpoint: webhookEndpoints })
      .from(deliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, deliveries.eventId))
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, deliveries.endpointId))
      .where(inArray(deliveries.id, ids));
    return rows.map(({ delivery, event, endpoint }) => ({
      id: delivery.id,
      tenantId: delivery.tenantId,
      endpointId: delivery.endpointId,
      attempt: delivery.attempts,
      lease,
      url: endpoint.url,
      secretCiphertext: endpoint.secretCiphertext,
      previousSecretCiphertext:
        endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now
          ? endpoint.previousSecretCiphertext
          : null,
      event: { id: event.id, type: event.type, data: event.data, createdAt: event.createdAt },
    }));
  });
}
