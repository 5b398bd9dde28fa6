import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { webhookEndpoints } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';

/** Deletes the endpoint; its queued deliveries and their attempt log go with it (ON DELETE CASCADE). */
export async function removeWebhookEndpoint(
  db: DbOrTx,
  input: { tenantId: string; endpointId: string },
): Promise<{ id: string }> {
  const [removed] = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, input.tenantId), eq(webhookEndpoints.id, input.endpointId)))
    .returning({ id: webhookEndpoints.id });
  if (!removed) throw notFound('webhook endpoint', 'endpoint');
  return removed;
}
