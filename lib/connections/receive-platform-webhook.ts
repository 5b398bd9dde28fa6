import type { Database, DbOrTx } from '@/lib/db/client';
import { inboundWebhookReceipts } from '@/lib/db/schema';
import type { Tenant } from '@/lib/tenants/tenant';
import { applySourceEvents } from './apply-source-events';
import { sourceForTenant } from './source-for-tenant';

export type WebhookReceipt = { duplicate: boolean; events: number };

/** Records one receipt key; false when it was already there. */
async function isFirstReceipt(
  tx: DbOrTx,
  receipt: { tenantId: string; source: string; traceId: string },
): Promise<boolean> {
  const inserted = await tx
    .insert(inboundWebhookReceipts)
    .values({ ...receipt, traceId: receipt.traceId.slice(0, 200) })
    .onConflictDoNothing()
    .returning({ traceId: inboundWebhookReceipts.traceId });
  return inserted.length > 0;
}

/**
 * An inbound platform webhook: the source verifies the signature (throwing on a bad one, so nothing
 * changes), then the receipts and every resulting change commit together — a delivery retried after
 * a failure is processed once. Two receipts: the platform's trace id (its own retries, re-signed
 * later) and the signed content (a replay under a new trace id: the trace id is not signed). The
 * content receipts live under their own `source` name, so no trace id a client sends can pre-empt one.
 */
export async function receivePlatformWebhook(
  db: Database,
  input: { tenant: Tenant; request: Request; rawBody: string },
): Promise<WebhookReceipt> {
  const source = sourceForTenant(db, input.tenant);
  if (!source.parseWebhook) return { duplicate: false, events: 0 };
  const { events, signedContentSha256, deliveryId } = await source.parseWebhook(
    input.tenant,
    input.request,
    input.rawBody,
  );
  const tenantId = input.tenant.id;
  return db.transaction(async (tx) => {
    const isNewContent = await isFirstReceipt(tx, {
      tenantId,
      source: `${source.name}:signed-content`,
      traceId: signedContentSha256,
    });
    const isNewTrace =
      deliveryId === null ||
      (await isFirstReceipt(tx, { tenantId, source: source.name, traceId: deliveryId }));
    if (!isNewContent || !isNewTrace) return { duplicate: true, events: 0 };
    await applySourceEvents(tx, { tenant: input.tenant, events });
    return { duplicate: false, events: events.length };
  });
}
