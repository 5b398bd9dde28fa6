import { type AuditActor, type RequestOrigin, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { DbOrTx } from '@/lib/db/client';
import { webhookEndpoints } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { invalid } from '@/lib/errors';
import { logger } from '@/lib/log';
import { randomId } from '@/lib/security/random-id';
import { encryptSecret } from '@/lib/security/secret-box';
import {
  type AddressResolver,
  UnsafeUrlError,
  type UrlGuardOptions,
  checkWebhookUrl,
  resolveWithSystemDns,
  resolverWithDeadline,
  vetWebhookTarget,
} from '@/lib/security/url-guard';
import { generateWebhookSecret } from './sign-webhook';
import {
  type WebhookEventType,
  endpointSecretBinding,
  publicWebhookEndpoint,
} from './webhook-endpoint-fields';

const ADD_TIME_DNS_TIMEOUT_MS = 3_000;

function urlRefused(error: UnsafeUrlError) {
  return invalid('url', `url ${error.message}.`, 'url_unsafe');
}

function checkedUrl(raw: string, guard: UrlGuardOptions): URL {
  try {
    return checkWebhookUrl(raw, guard);
  } catch (error) {
    throw error instanceof UnsafeUrlError ? urlRefused(error) : error;
  }
}

async function refuseForbiddenResolution(
  url: URL,
  guard: UrlGuardOptions,
  resolver: AddressResolver,
  tenantId: string,
): Promise<void> {
  try {
    await vetWebhookTarget(url, {
      ...guard,
      resolver: resolverWithDeadline(resolver, ADD_TIME_DNS_TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof UnsafeUrlError) throw urlRefused(error);
    // Plain http (the loopback flag) is allowed only to this machine, which a name must prove now.
    if (url.protocol === 'http:') {
      throw urlRefused(
        new UnsafeUrlError(`host ${url.hostname} does not resolve, and http is allowed only to loopback`),
      );
    }
    // Not resolvable yet (or no DNS here): accepted, because every delivery vets the address again.
    logger.info('webhook.endpoint_unresolved_at_add', {
      tenantId,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}

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
  const guard = { allowLoopback: input.allowLoopback ?? getEnv().WEBHOOKS_ALLOW_LOOPBACK };
  const url = checkedUrl(input.url, guard);
  await refuseForbiddenResolution(url, guard, input.resolver ?? resolveWithSystemDns, input.tenantId);
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
