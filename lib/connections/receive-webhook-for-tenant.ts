import { getDb } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { findTenantBySlug } from '@/lib/tenants/find-tenant-by-slug';
import { tenantSlug } from '@/lib/tenants/tenant-fields';
import { type WebhookReceipt, receivePlatformWebhook } from './receive-platform-webhook';
import { WebhookSignatureError } from './sources/connection-source';

/**
 * An inbound webhook addressed to /api/webhooks/{source}/{slug}: null when no tenant of that slug uses
 * that source; else the receipt (the source verifies the signature and throws on a bad one).
 */
export async function receiveWebhookForTenant(input: {
  source: string;
  slug: string;
  request: Request;
  rawBody: string;
}): Promise<WebhookReceipt | null> {
  if (!tenantSlug.safeParse(input.slug).success) return null;
  const db = await getDb();
  const tenant = await findTenantBySlug(db, input.slug);
  if (!tenant || tenant.source !== input.source) return null;
  try {
    const receipt = await receivePlatformWebhook(db, {
      tenant,
      request: input.request,
      rawBody: input.rawBody,
    });
    logger.info('platform.webhook_received', {
      tenantId: tenant.id,
      source: tenant.source,
      duplicate: receipt.duplicate,
      events: receipt.events,
    });
    return receipt;
  } catch (error) {
    if (error instanceof WebhookSignatureError)
      logger.warn('platform.webhook_refused', { tenantId: tenant.id, reason: error.message });
    throw error;
  }
}
