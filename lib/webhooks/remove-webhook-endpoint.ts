import { and, eq } from 'drizzle-orm';
import { type AuditActor, type RequestOrigin, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { DbOrTx } from '@/lib/db/client';
import { webhookEndpoints } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';

/** Deletes the endpoint; its queued deliveries and their attempt log go with it (ON DELETE CASCADE). */
export async function removeWebhookEndpoint(
  db: DbOrTx,
  input: { tenantId: string; endpointId: string; actor?: AuditActor; origin?: RequestOrigin },
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.tenantId, input.tenantId), eq(webhookEndpoints.id, input.endpointId)))
      .returning({ id: webhookEndpoints.id });
    if (!removed) throw notFound('webhook endpoint', 'endpoint');
    await recordAuditEvent(tx, {
      tenantId: input.tenantId,
      actor: input.actor ?? { type: 'operator' },
      action: 'webhook_endpoint.removed',
      subjectId: removed.id,
      origin: input.origin,
    });
    return removed;
  });
}
