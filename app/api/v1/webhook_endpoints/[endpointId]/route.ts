// GET /api/v1/webhook_endpoints/{id} — one endpoint (never its secret)
// PATCH /api/v1/webhook_endpoints/{id} — change its url, events or enabled (disabled: deliveries wait)
// DELETE /api/v1/webhook_endpoints/{id} — remove it, with its queued deliveries and their log
import { apiRoute } from '@/lib/api/api-route';
import {
  serializeWebhookEndpoint,
  updateWebhookEndpointBody,
  webhookEndpointParams,
} from '@/lib/api/schemas/webhook-endpoints';
import { notFound } from '@/lib/errors';
import { listWebhookEndpoints } from '@/lib/webhooks/list-webhook-endpoints';
import { removeWebhookEndpoint } from '@/lib/webhooks/remove-webhook-endpoint';
import { updateWebhookEndpoint } from '@/lib/webhooks/update-webhook-endpoint';

export const GET = apiRoute({
  params: webhookEndpointParams,
  handler: async ({ db, tenantId, params }) => {
    const endpoint = (await listWebhookEndpoints(db, { tenantId })).find((e) => e.id === params.endpointId);
    if (!endpoint) throw notFound('webhook endpoint', 'id');
    return { status: 200, body: serializeWebhookEndpoint(endpoint) };
  },
});

export const PATCH = apiRoute({
  params: webhookEndpointParams,
  body: updateWebhookEndpointBody,
  handler: async ({ db, tenantId, params, body, actor, origin }) => {
    const endpoint = await updateWebhookEndpoint(db, {
      tenantId,
      endpointId: params.endpointId,
      patch: { url: body.url, eventTypes: body.events, enabled: body.enabled },
      actor,
      origin,
    });
    return { status: 200, body: serializeWebhookEndpoint(endpoint) };
  },
});

export const DELETE = apiRoute({
  params: webhookEndpointParams,
  handler: async ({ db, tenantId, params, actor, origin }) => {
    const removed = await removeWebhookEndpoint(db, {
      tenantId,
      endpointId: params.endpointId,
      actor,
      origin,
    });
    return { status: 200, body: { id: removed.id, object: 'webhook_endpoint', deleted: true } };
  },
});
