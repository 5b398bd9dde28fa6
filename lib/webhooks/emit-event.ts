import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '@/lib/db/schema';
import { randomId } from '@/lib/security/random-id';

export type EventType =
  | 'connection.created'
  | 'connection.reauthorized'
  | 'connection.reauth_required'
  | 'connection.deleted'
  | 'portal_link.redeemed'
  | 'ping';

/**
 * Records an event in the tenant's log and queues one delivery per subscribed endpoint.
 * Call it with the transaction that makes the change (outbox): no change, no event; no event, no change.
 */
export async function emitEvent(
  tx: DbOrTx,
  input: { tenantId: string; type: EventType; data: Record<string, unknown> },
): Promise<string> {
  const id = randomId('evt');
  await tx.insert(webhookEvents).values({ id, tenantId: input.tenantId, type: input.type, data: input.data });
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, input.tenantId), eq(webhookEndpoints.enabled, true)));
  const subscribed = endpoints.filter(
    (endpoint) => !endpoint.eventTypes || endpoint.eventTypes.includes(input.type),
  );
  if (subscribed.length > 0) {
    await tx.insert(webhookDeliveries).values(
      subscribed.map((endpoint) => ({
        id: randomId('whd'),
        tenantId: input.tenantId,
        eventId: id,
        endpointId: endpoint.id,
      })),
    );
  }
  return id;
}
