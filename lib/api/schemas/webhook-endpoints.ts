import { z } from 'zod';
import { webhookEndpointId, webhookEventFilter, webhookUrl } from '@/lib/webhooks/webhook-endpoint-fields';

/** POST /api/v1/webhook_endpoints: where to send, and which events (`["*"]` or nothing: all of them). */
export const createWebhookEndpointBody = z.strictObject({
  url: webhookUrl,
  events: webhookEventFilter.optional(),
});

export const webhookEndpointParams = z.object({ endpointId: webhookEndpointId });

export const webhookEndpointObjectSchema = z.object({
  id: z.string(),
  object: z.literal('webhook_endpoint'),
  url: z.string(),
  /** Event types, or ["*"] for all of them. */
  events: z.array(z.string()),
  enabled: z.boolean(),
  created_at: z.string(),
});

export const createdWebhookEndpointSchema = webhookEndpointObjectSchema.extend({
  /** Shown once: verify each delivery's `webhook-signature` with it (Standard Webhooks). */
  secret: z.string(),
});

export const webhookEndpointListSchema = z.object({
  object: z.literal('list'),
  data: z.array(webhookEndpointObjectSchema),
});

export const rotatedWebhookEndpointSchema = createdWebhookEndpointSchema.extend({
  /** Until then the old secret signs too: a second `v1,` signature in `webhook-signature`. */
  previous_secret_expires_at: z.string(),
});

export type WebhookEndpointList = z.output<typeof webhookEndpointListSchema>;
export type CreatedWebhookEndpoint = z.output<typeof createdWebhookEndpointSchema>;
type PublicEndpoint = Omit<z.output<typeof webhookEndpointObjectSchema>, 'object'>;

export function serializeWebhookEndpoint(
  endpoint: PublicEndpoint,
): z.output<typeof webhookEndpointObjectSchema> {
  return { object: 'webhook_endpoint', ...endpoint };
}

/** PATCH /api/v1/webhook_endpoints/{id}: any of these, at least one. */
export const updateWebhookEndpointBody = z
  .strictObject({
    url: webhookUrl.optional(),
    events: webhookEventFilter.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'name at least one of url, events, enabled',
  });
