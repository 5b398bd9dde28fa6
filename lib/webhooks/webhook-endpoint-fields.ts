import { z } from 'zod';
import type { webhookEndpoints } from '@/lib/db/schema';
import type { EventType } from './emit-event';

/** Every event a tenant can subscribe to; `satisfies` keeps it in step with emit-event.ts. */
export const WEBHOOK_EVENT_TYPES = [
  'connection.created',
  'connection.reauthorized',
  'connection.reauth_required',
  'connection.deleted',
  'portal_link.redeemed',
  'ping',
] as const satisfies readonly EventType[];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** `["*"]` (or nothing) subscribes to every type, including ones added later; stored as null. */
export const webhookEventFilter = z
  .array(
    z.enum([...WEBHOOK_EVENT_TYPES, '*'], {
      error: `must be * or a list of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
    }),
  )
  .min(1, 'must name at least one event type')
  .transform((types): WebhookEventType[] | null =>
    types.includes('*') ? null : [...new Set(types.filter((type) => type !== '*'))],
  );

export const webhookUrl = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(2048, 'must be at most 2048 characters');

export const webhookEndpointId = z
  .string()
  .regex(/^whe_[A-Za-z0-9_-]{16}$/, 'must be a webhook endpoint id such as whe_…');

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

/** What an operator or tenant may see of an endpoint: never the secret. */
export function publicWebhookEndpoint(row: WebhookEndpointRow) {
  return {
    id: row.id,
    url: row.url,
    events: row.eventTypes ?? ['*'],
    enabled: row.enabled,
    created_at: row.createdAt.toISOString(),
  };
}

/** The secret-box binding of an endpoint's signing secret: it decrypts only on this row of this tenant. */
export function endpointSecretBinding(row: { tenantId: string; id: string }) {
  return { table: 'webhook_endpoints', column: 'secret_ciphertext', tenantId: row.tenantId, rowId: row.id };
}

/** The same for the secret a rotation replaced (another column, so neither can stand in for the other). */
export function previousEndpointSecretBinding(row: { tenantId: string; id: string }) {
  return { ...endpointSecretBinding(row), column: 'previous_secret_ciphertext' };
}
