// POST /api/v1/webhook_endpoints/{id}/rotate_secret — a new signing secret (in this answer only);
// the old one keeps signing beside it for 24 h
import { apiRoute } from '@/lib/api/api-route';
import { serializeWebhookEndpoint, webhookEndpointParams } from '@/lib/api/schemas/webhook-endpoints';
import { rotateWebhookSecret } from '@/lib/webhooks/rotate-webhook-secret';

export const POST = apiRoute({
  params: webhookEndpointParams,
  handler: async ({ db, tenantId, params, actor, origin }) => {
    const rotated = await rotateWebhookSecret(db, {
      tenantId,
      endpointId: params.endpointId,
      now: new Date(),
      actor,
      origin,
    });
    return {
      status: 200,
      body: {
        ...serializeWebhookEndpoint(rotated.endpoint),
        secret: rotated.secret,
        previous_secret_expires_at: rotated.previousSecretExpiresAt.toISOString(),
      },
    };
  },
});
