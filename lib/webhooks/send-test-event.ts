import { and, eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import { randomId } from '@/lib/security/random-id';

/**
 * Queues a `ping` to one endpoint only (emitEvent would fan it out to every subscriber), whatever
 * the endpoint's event filter: the operator asked for it explicitly.
 */
export async function sendTestEvent(db: Database, input: { tenantId: string; endpointId: string }) {
  return db.transaction(async (tx) => {
    const [endpoint] = await tx
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.tenantId, input.tenantId), eq(webhookEndpoints.id, input.endpointId)))
      .limit(1);
    if (!endpoint) throw notFound('webhook endpoint', 'endpoint');
    const eventId = randomId('evt');
    const deliveryId = randomId('whd');
    await tx.insert(webhookEvents).values({
      id: eventId,
      tenantId: input.tenantId,
      type: 'ping',
      data: { endpoint_id: endpoint.id },
    });
    await tx.insert(webhookDeliveries).values({
      id: deliveryId,
      tenantId: input.tenantId,
      eventId,
      endpointId: endpoint.id,
    });
    return { event: { id: eventId, type: 'ping' as const }, delivery: { id: deliveryId } };
  });
}
