import { createHash } from 'node:crypto';
import type { Database } from '@/lib/db/client';
import { inboundWebhookReceipts } from '@/lib/db/schema';
import type { Tenant } from '@/lib/tenants/tenant';
import { applySourceEvents } from './apply-source-events';
import { sourceForTenant } from './source-for-tenant';

export type WebhookReceipt = { duplicate: boolean; events: number };

/**
 * An inbound platform webhook: the source verifies the signature (throwing on a bad one, so nothing
 * changes), then the receipt (deduplicated on the platform's trace id) and every resulting change
 * commit together — a delivery retried after a failure is processed once.
 */
export async function receivePlatformWebhook(
  db: Database,
  input: { tenant: Tenant; request: Request; rawBody: string; traceId: string | null },
): Promise<WebhookReceipt> {
  const source = sourceForTenant(db, input.tenant);
  if (!source.parseWebhook) return { duplicate: false, events: 0 };
  const events = await source.parseWebhook(input.tenant, input.request, input.rawBody);
  const traceId = input.traceId ?? createHash('sha256').update(input.rawBody).digest('hex');
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(inboundWebhookReceipts)
      .values({ tenantId: input.tenant.id, source: source.name, traceId: traceId.slice(0, 200) })
      .onConflictDoNothing()
      .returning({ traceId: inboundWebhookReceipts.traceId });
    if (inserted.length === 0) return { duplicate: true, events: 0 };
    await applySourceEvents(tx, { tenant: input.tenant, events });
    return { duplicate: false, events: events.length };
  });
}
