import { type AuditActor, type RequestOrigin, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { DbOrTx } from '@/lib/db/client';
import { webhookEndpoints } from '@/lib/db/schema';
import { randomId } from '@/lib/security/random-id';
import { encryptSecret } from '@/lib/security/secret-box';
import type { AddressResolver } from '@/lib/security/url-guard';
import { generateWebhookSecret } from './sign-webhook';
import { vetEndpointUrl } from './vet-endpoint-url';
import {
  type WebhookEventType,
  endpointSecretBinding,
  publicWebhookEndpoint,
} from './webhook-endpoint-fields';

/** Adds an endpoint with a fresh signing secret, returned once in plain text and stored encrypted. */
export async function createWebhookEndpoint(
  db: DbOrTx,
  input: {
    tenantId: string;
    url: string;
    eventTypes: WebhookEventType[] | null;
    resolver?: AddressResolver;
    allowLoopback?: boolean;
    /** Who asked, for the audit log: the operator CLI unless an API key or the console says otherwise. */
    actor?: AuditActor;
    origin?: RequestOrigin;
  },
) {
  const url = await vetEndpointUrl(input.url, input);
  const id = randomId('whe');
  const secret = generateWebhookSecret();
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(webhookEndpoints)
      .values({
        id,
        tenantId: input.tenantId,
        url: url.href,
        secretCiphertext: encryptSecret(secret, endpointSecretBinding({ tenantId: input.tenantId, id })),
        eventTypes: input.eventTypes,
      })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    await recordAuditEvent(tx, {
      tenantId: input.tenantId,
      actor: input.actor ?? { type: 'operator' },
      action: 'webhook_endpoint.created',
      subjectId: id,
      data: { url: url.origin, events: input.eventTypes ?? ['*'] },
      origin: input.origin,
    });
    return inserted;
  });
  return { endpoint: publicWebhookEndpoint(row), secret };
}
