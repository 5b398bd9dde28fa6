import { z } from 'zod';
import { pageLimit } from './common';
import { webhookEndpointId } from '@/lib/webhooks/webhook-endpoint-fields';

export const webhookDeliveriesQuery = z.strictObject({
  endpoint: webhookEndpointId.optional(),
  starting_after: z
    .string()
    .regex(/^whd_[A-Za-z0-9_-]{16}$/, 'must be a webhook delivery id such as whd_…')
    .optional(),
  limit: pageLimit,
});

export const webhookDeliveryObjectSchema = z.object({
  id: z.string(),
  object: z.literal('webhook_delivery'),
  event_id: z.string(),
  event_type: z.string(),
  endpoint_id: z.string(),
  status: z.enum(['pending', 'delivering', 'delivered', 'failed']),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
});

export const webhookDeliveryListSchema = z.object({
  object: z.literal('list'),
  data: z.array(webhookDeliveryObjectSchema),
  has_more: z.boolean(),
});
