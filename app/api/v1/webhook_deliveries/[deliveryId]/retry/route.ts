// POST /api/v1/webhook_deliveries/{id}/retry — send a delivered or failed delivery once more, now
import { z } from 'zod';
import { apiRoute } from '@/lib/api/api-route';
import { retryWebhookDelivery } from '@/lib/webhooks/retry-webhook-delivery';

const params = z.object({ deliveryId: z.string().regex(/^whd_[A-Za-z0-9_-]{16}$/) });

export const POST = apiRoute({
  params,
  handler: async ({ db, tenantId, params: { deliveryId }, actor, origin }) => ({
    status: 200,
    body: await retryWebhookDelivery(db, { tenantId, deliveryId, now: new Date(), actor, origin }),
  }),
});
