// GET /api/v1/webhook_deliveries?endpoint=&starting_after=&limit= — the tenant's webhook delivery log, newest first
import { apiRoute } from '@/lib/api/api-route';
import { webhookDeliveriesQuery } from '@/lib/api/schemas/webhook-deliveries';
import { listWebhookDeliveries } from '@/lib/webhooks/list-webhook-deliveries';

export const GET = apiRoute({
  query: webhookDeliveriesQuery,
  handler: async ({ db, tenantId, query }) => ({
    status: 200,
    body: await listWebhookDeliveries(db, {
      tenantId,
      endpointId: query.endpoint,
      startingAfter: query.starting_after,
      limit: query.limit,
    }),
  }),
});
