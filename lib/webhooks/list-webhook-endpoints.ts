import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { webhookEndpoints } from '@/lib/db/schema';
import { publicWebhookEndpoint } from './webhook-endpoint-fields';

/** The tenant's endpoints, oldest first, without their secrets. */
export async function listWebhookEndpoints(db: DbOrTx, input: { tenantId: string }) {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, input.tenantId))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  return rows.map(publicWebhookEndpoint);
}
