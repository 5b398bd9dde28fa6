import { getEnv } from '@/lib/env';
import { invalid } from '@/lib/errors';
import { logger } from '@/lib/log';
import {
  type AddressResolver,
  UnsafeUrlError,
  type UrlGuardOptions,
  checkWebhookUrl,
  resolveWithSystemDns,
  resolverWithDeadline,
  vetWebhookTarget,
} from '@/lib/security/url-guard';

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

/**
 * An endpoint URL as it may be stored (on add and on change): the URL guard, then where its name
 * resolves now. Every delivery vets the address again, so a name that does not resolve yet passes.
 */
export async function vetEndpointUrl(
  raw: string,
  input: { tenantId: string; resolver?: AddressResolver; allowLoopback?: boolean },
): Promise<URL> {
  const guard = { allowLoopback: input.allowLoopback ?? getEnv().WEBHOOKS_ALLOW_LOOPBACK };
  const url = checkedUrl(raw, guard);
  await refuseForbiddenResolution(url, guard, input.resolver ?? resolveWithSystemDns, input.tenantId);
  return url;
}
