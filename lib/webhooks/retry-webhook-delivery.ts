import { and, eq, inArray } from 'drizzle-orm';
import { type AuditActor, type RequestOrigin, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { DbOrTx } from '@/lib/db/client';
import { webhookDeliveries, webhookEvents } from '@/lib/db/schema';
import { PortalError, notFound } from '@/lib/errors';
import { webhookDeliveryObject } from './list-webhook-deliveries';

/**
 * Queues a delivered or failed delivery to be sent once more, now, with the same webhook-id (a
 * receiver that deduplicates ignores a repeat). One still waiting or being sent is left alone (409).
 */
export async function retryWebhookDelivery(
  db: DbOrTx,
  input: { tenantId: string; deliveryId: string; now: Date; actor: AuditActor; origin?: RequestOrigin },
) {
  const audit = (tx: DbOrTx, outcome: 'ok' | 'refused') =>
    recordAuditEvent(tx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'webhook_delivery.retried',
      outcome,
      subjectId: input.deliveryId,
      origin: input.origin,
    });
  const retried = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: webhookDeliveries, eventType: webhookEvents.type })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(and(eq(webhookDeliveries.tenantId, input.tenantId), eq(webhookDeliveries.id, input.deliveryId)))
      .for('update', { of: webhookDeliveries });
    if (!row) throw notFound('webhook delivery', 'id');
    const [queued] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: input.now, lockedUntil: null })
      .where(
        and(
          eq(webhookDeliveries.id, row.delivery.id),
          inArray(webhookDeliveries.status, ['delivered', 'failed']),
        ),
      )
      .returning();
    if (queued) await audit(tx, 'ok');
    return queued ? webhookDeliveryObject(queued, row.eventType) : null;
  });
  if (retried) return retried;
  // Written outside the transaction, which a refusal leaves unchanged.
  await audit(db, 'refused');
  throw new PortalError({
    type: 'conflict',
    code: 'delivery_already_queued',
    message: 'This delivery is still waiting to be sent or being sent; it cannot be retried now.',
    param: 'id',
  });
}
