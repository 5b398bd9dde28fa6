import { readBodyText } from '@/lib/api/read-json-body';
import { getDb } from '@/lib/db/client';
import { PortalError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { findTenantBySlug } from '@/lib/tenants/find-tenant-by-slug';
import { tenantSlug } from '@/lib/tenants/tenant-fields';
import { receivePlatformWebhook } from './receive-platform-webhook';
import { SourceUnavailableError } from './sources/connection-source';
import { WebhookSignatureError } from './sources/terra/terra-webhook';

function json(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/** HTTP side of an inbound Terra webhook: 404 unknown tenant, 401 bad signature, 2xx otherwise (unknown types too). */
export async function handleTerraWebhook(request: Request, slug: string): Promise<Response> {
  if (!tenantSlug.safeParse(slug).success) return json(404, { error: 'unknown tenant' });
  const db = await getDb();
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant || tenant.source !== 'terra') return json(404, { error: 'unknown tenant' });
  let rawBody: string;
  try {
    rawBody = await readBodyText(request);
  } catch (error) {
    if (error instanceof PortalError) return json(413, { error: 'body too large' });
    throw error;
  }
  try {
    const receipt = await receivePlatformWebhook(db, {
      tenant,
      request,
      rawBody,
      traceId: request.headers.get('x-terra-trace-id'),
    });
    logger.info('terra.webhook_received', {
      tenantId: tenant.id,
      duplicate: receipt.duplicate,
      events: receipt.events,
    });
    return json(200, { received: true, duplicate: receipt.duplicate });
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      logger.warn('terra.webhook_refused', { tenantId: tenant.id, reason: error.message });
      return json(401, { error: 'invalid signature' });
    }
    if (error instanceof SourceUnavailableError)
      return json(401, { error: 'webhooks are not configured for this tenant' });
    throw error;
  }
}
