// GET /api/v1/webhook_endpoints — the tenant's endpoints (never their secrets)
// POST /api/v1/webhook_endpoints — add one; its signing secret is in this answer only
import { apiRoute } from '@/lib/api/api-route';
import {
  type CreatedWebhookEndpoint,
  type WebhookEndpointList,
  createWebhookEndpointBody,
  serializeWebhookEndpoint,
} from '@/lib/api/schemas/webhook-endpoints';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import { listWebhookEndpoints } from '@/lib/webhooks/list-webhook-endpoints';

export const GET = apiRoute({
  handler: async ({ db, tenantId }) => ({
    status: 200,
    body: {
      object: 'list',
      data: (await listWebhookEndpoints(db, { tenantId })).map(serializeWebhookEndpoint),
    } satisfies WebhookEndpointList,
  }),
});

export const POST = apiRoute({
  body: createWebhookEndpointBody,
  handler: async ({ db, tenantId, body, actor, origin }) => {
    const { endpoint, secret } = await createWebhookEndpoint(db, {
      tenantId,
      url: body.url,
      eventTypes: body.events ?? null,
      actor,
      origin,
    });
    return {
      status: 201,
      body: {
        ...serializeWebhookEndpoint(endpoint),
        secret,
      } satisfies CreatedWebhookEndpoint,
    };
  },
});
