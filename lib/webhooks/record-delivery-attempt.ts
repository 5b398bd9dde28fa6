import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { webhookAttempts, webhookDeliveries } from '@/lib/db/schema';
import { randomId } from '@/lib/security/random-id';
import type { ClaimedDelivery } from './claim-due-deliveries';

/** Wait after failed attempt n (index n-1): ≈ 5 s, 1 m, 10 m, 1 h, 6 h, 24 h; after the last, `failed`. */
export const RETRY_DELAYS_MS = [5_000, 60_000, 600_000, 3_600_000, 21_600_000, 86_400_000] as const;

export type AttemptResult = {
  delivered: boolean;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
  durationMs: number;
};

export type AttemptOutcome = 'delivered' | 'retrying' | 'failed' | 'superseded';

const deliveries = webhookDeliveries;

/** Only the holder of this exact lease may change the row; a worker whose lease lapsed is ignored. */
function heldBy(delivery: ClaimedDelivery) {
  return and(
    eq(deliveries.tenantId, delivery.tenantId),
    eq(deliveries.id, delivery.id),
    eq(deliveries.status, 'delivering'),
    eq(deliveries.lockedUntil, delivery.lease),
  );
}

function nextState(delivery: ClaimedDelivery, result: AttemptResult, now: Date) {
  const last = { lastStatusCode: result.statusCode, lastError: result.error, lockedUntil: null };
  const excerpt = { lastResponseExcerpt: result.responseExcerpt };
  if (result.delivered) return { ...last, ...excerpt, status: 'delivered' as const, deliveredAt: now };
  const delay = RETRY_DELAYS_MS[delivery.attempt - 1];
  if (delay === undefined) return { ...last, ...excerpt, status: 'failed' as const };
  return { ...last, ...excerpt, status: 'pending' as const, nextAttemptAt: new Date(now.getTime() + delay) };
}

/**
 * Logs the attempt and moves the delivery on (delivered, retry later, or failed) in one transaction.
 * The attempt is logged even when another worker has taken the delivery over, since it was sent.
 */
export async function recordDeliveryAttempt(
  db: Database,
  input: { delivery: ClaimedDelivery; result: AttemptResult; now: Date },
): Promise<AttemptOutcome> {
  const { delivery, result } = input;
  return db.transaction(async (tx) => {
    const state = nextState(delivery, result, input.now);
    const [updated] = await tx
      .update(deliveries)
      .set(state)
      .where(heldBy(delivery))
      .returning({ id: deliveries.id });
    const [stillQueued] = updated
      ? [updated]
      : await tx
          .select({ id: deliveries.id })
          .from(deliveries)
          .where(and(eq(deliveries.tenantId, delivery.tenantId), eq(deliveries.id, delivery.id)));
    // Gone when its endpoint was removed meanwhile: nothing left to log against.
    if (stillQueued) {
      await tx.insert(webhookAttempts).values({
        id: randomId('wha'),
        tenantId: delivery.tenantId,
        deliveryId: delivery.id,
        attempt: delivery.attempt,
        statusCode: result.statusCode,
        error: result.error,
        responseExcerpt: result.responseExcerpt,
        durationMs: result.durationMs,
      });
    }
    if (!updated) return 'superseded';
    return state.status === 'pending' ? 'retrying' : state.status;
  });
}

/** Hands a claimed delivery back at shutdown: due at once for the next worker, the interrupted attempt uncounted. */
export async function releaseDeliveryClaim(
  db: Database,
  input: { delivery: ClaimedDelivery; now: Date },
): Promise<void> {
  await db
    .update(deliveries)
    .set({
      status: 'pending',
      lockedUntil: null,
      nextAttemptAt: input.now,
      attempts: sql`greatest(${deliveries.attempts} - 1, 0)`,
    })
    .where(heldBy(input.delivery));
}
