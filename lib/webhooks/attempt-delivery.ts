import type { Database } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { metrics } from '@/server/metrics.mjs';
import { decryptSecret } from '@/lib/security/secret-box';
import {
  type AddressResolver,
  UnsafeUrlError,
  resolverWithDeadline,
  vetWebhookTarget,
} from '@/lib/security/url-guard';
import type { ClaimedDelivery } from './claim-due-deliveries';
import { WebhookTimeoutError, postWebhook } from './post-webhook';
import {
  type AttemptOutcome,
  type AttemptResult,
  recordDeliveryAttempt,
  releaseDeliveryClaim,
} from './record-delivery-attempt';
import { signWebhook } from './sign-webhook';
import { endpointSecretBinding, previousEndpointSecretBinding } from './webhook-endpoint-fields';

export type AttemptOptions = {
  resolver: AddressResolver;
  allowLoopback: boolean;
  timeoutMs: number;
  /** Aborted at shutdown: the attempt is cut short and its claim released instead of recorded. */
  signal?: AbortSignal;
  clock: () => Date;
};

/** The body of SPEC §8; built from the stored event, so every retry sends the same bytes. */
export function webhookBody(event: ClaimedDelivery['event']): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created_at: event.createdAt.toISOString(),
    data: event.data,
  });
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof UnsafeUrlError) return `refused: url ${error.message}`;
  if (error instanceof WebhookTimeoutError) return `no complete response within ${timeoutMs} ms`;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

async function send(delivery: ClaimedDelivery, options: AttemptOptions): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = new URL(delivery.url);
    // Vetted on every attempt: the host's DNS may have changed since the endpoint was added.
    const target = await vetWebhookTarget(url, {
      allowLoopback: options.allowLoopback,
      resolver: resolverWithDeadline(options.resolver, options.timeoutMs),
    });
    const row = { tenantId: delivery.tenantId, id: delivery.endpointId };
    const secret = decryptSecret(delivery.secretCiphertext, endpointSecretBinding(row));
    const previousSecret = delivery.previousSecretCiphertext
      ? decryptSecret(delivery.previousSecretCiphertext, previousEndpointSecretBinding(row))
      : null;
    const body = webhookBody(delivery.event);
    const timestampSeconds = Date.now() / 1000;
    const headers = signWebhook({ secret, previousSecret, id: delivery.event.id, timestampSeconds, body });
    const response = await postWebhook({
      url,
      target,
      headers,
      body,
      // One budget for the whole attempt, DNS included.
      timeoutMs: Math.max(1, options.timeoutMs - elapsed()),
      signal: options.signal,
    });
    const delivered = response.statusCode >= 200 && response.statusCode < 300;
    const isRedirect = response.statusCode >= 300 && response.statusCode < 400;
    return {
      delivered,
      statusCode: response.statusCode,
      responseExcerpt: response.responseExcerpt,
      error: isRedirect ? 'redirects are not followed' : null,
      durationMs: elapsed(),
    };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return {
      delivered: false,
      statusCode: null,
      responseExcerpt: null,
      error: describeFailure(error, options.timeoutMs),
      durationMs: elapsed(),
    };
  }
}

/** One attempt at one claimed delivery: vet, sign, send, record. Never throws for a failed send. */
export async function attemptDelivery(
  db: Database,
  delivery: ClaimedDelivery,
  options: AttemptOptions,
): Promise<AttemptOutcome | 'released'> {
  let result: AttemptResult;
  try {
    result = await send(delivery, options);
  } catch {
    await releaseDeliveryClaim(db, { delivery, now: options.clock() });
    logger.info('webhook.attempt_released', { deliveryId: delivery.id, tenantId: delivery.tenantId });
    metrics().webhookAttempts.inc({ outcome: 'released' });
    return 'released';
  }
  const outcome = await recordDeliveryAttempt(db, { delivery, result, now: options.clock() });
  metrics().webhookAttempts.inc({ outcome });
  logger[outcome === 'delivered' ? 'info' : 'warn']('webhook.attempt', {
    tenantId: delivery.tenantId,
    endpointId: delivery.endpointId,
    deliveryId: delivery.id,
    eventId: delivery.event.id,
    attempt: delivery.attempt,
    statusCode: result.statusCode,
    error: result.error,
    durationMs: result.durationMs,
    outcome,
  });
  return outcome;
}
