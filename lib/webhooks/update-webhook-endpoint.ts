import { and, eq } from 'drizzle-orm';
import { type AuditActor, type RequestOrigin, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { DbOrTx } from '@/lib/db/client';
import { webhookEndpoints } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { AddressResolver } from '@/lib/security/url-guard';
import { vetEndpointUrl } from './vet-endpoint-url';
import { type WebhookEventType, publicWebhookEndpoint } from './webhook-endpoint-fields';

export type WebhookEndpointPatch = {
  url?: string;
  eventTypes?: WebhookEventType[] | null;
  enabled?: boolean;
};

/**
 * Changes an endpoint's URL (vetted as on add), events or whether it receives anything. A disabled
 * endpoint gets no new deliveries; its secret stays as it was.
 */
export async function updateWebhookEndpoint(
  db: DbOrTx,
  input: {
    tenantId: string;
    endpointId: string;
    patch: WebhookEndpointPatch;
    resolver?: AddressResolver;
    actor?: AuditActor;
    origin?: RequestOrigin;
  },
) {
  const { patch } = input;
  const url = patch.url === undefined ? undefined : (await vetEndpointUrl(patch.url, input)).href;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ url, eventTypes: patch.eventTypes, enabled: patch.enabled })
      .where(and(eq(webhookEndpoints.tenantId, input.tenantId), eq(webhookEndpoints.id, input.endpointId)))
      .returning();
    if (!row) throw notFound('webhook endpoint', 'id');
    await recordAuditEvent(tx, {
      tenantId: input.tenantId,
      actor: input.actor ?? { type: 'operator' },
      action: 'webhook_endpoint.updated',
      subjectId: row.id,
      data: {
        changed: Object.keys(patch).filter((key) => patch[key as keyof WebhookEndpointPatch] !== undefined),
      },
      origin: input.origin,
    });
    return publicWebhookEndpoint(row);
  });
}
