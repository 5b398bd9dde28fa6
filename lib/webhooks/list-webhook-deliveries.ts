import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  webhookDeliveryListSchema,
  webhookDeliveryObjectSchema,
} from '@/lib/api/schemas/webhook-deliveries';
import type { DbOrTx } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';

type WebhookDelivery = z.output<typeof webhookDeliveryObjectSchema>;

/** A delivery as the API shows it; `next_attempt_at` only while it is still to be sent. */
export function webhookDeliveryObject(
  delivery: typeof webhookDeliveries.$inferSelect,
  eventType: string,
): WebhookDelivery {
  return {
    id: delivery.id,
    object: 'webhook_delivery',
    event_id: delivery.eventId,
    event_type: eventType,
    endpoint_id: delivery.endpointId,
    status: delivery.status,
    attempts: delivery.attempts,
    last_status_code: delivery.lastStatusCode,
    last_error: delivery.lastError,
    next_attempt_at:
      delivery.status === 'pending' || delivery.status === 'delivering'
        ? delivery.nextAttemptAt.toISOString()
        : null,
    delivered_at: delivery.deliveredAt?.toISOString() ?? null,
    created_at: delivery.createdAt.toISOString(),
  };
}

/** The tenant's delivery log (optionally one endpoint's), newest first, paged by the last delivery id seen. */
export async function listWebhookDeliveries(
  db: DbOrTx,
  input: { tenantId: string; endpointId?: string; startingAfter?: string; limit: number },
): Promise<z.output<typeof webhookDeliveryListSchema>> {
  const deliveries = webhookDeliveries;
  const filters = [eq(deliveries.tenantId, input.tenantId)];
  if (input.endpointId) {
    const [endpoint] = await db
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.tenantId, input.tenantId), eq(webhookEndpoints.id, input.endpointId)))
      .limit(1);
    if (!endpoint) throw notFound('webhook endpoint', 'endpoint');
    filters.push(eq(deliveries.endpointId, endpoint.id));
  }
  if (input.startingAfter) {
    const [cursor] = await db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.tenantId, input.tenantId), eq(deliveries.id, input.startingAfter)))
      .limit(1);
    if (!cursor) throw notFound('webhook delivery', 'starting_after');
    // Compared in SQL: created_at has microseconds, which a JavaScript Date would drop.
    filters.push(
      sql`(${deliveries.createdAt}, ${deliveries.id}) < (select c.created_at, c.id from ${deliveries} c where c.tenant_id = ${input.tenantId} and c.id = ${cursor.id})`,
    );
  }
  const rows = await db
    .select({ delivery: deliveries, eventType: webhookEvents.type })
    .from(deliveries)
    .innerJoin(
      webhookEvents,
      and(eq(webhookEvents.tenantId, deliveries.tenantId), eq(webhookEvents.id, deliveries.eventId)),
    )
    .where(and(...filters))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(input.limit + 1);
  return {
    object: 'list',
    has_more: rows.length > input.limit,
    data: rows
      .slice(0, input.limit)
      .map(({ delivery, eventType }) => webhookDeliveryObject(delivery, eventType)),
  };
}
