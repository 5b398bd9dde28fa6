import { isKnownProvider, providerInfo } from '@/lib/connections/provider-catalogue';
import type { Messages } from '@/lib/i18n/messages';

export type FlashMessage = { tone: 'success' | 'error'; text: string; retryProvider?: string };

type FlashKey = keyof Messages['flash'];
/** The page's translator for the `flash` messages (next-intl's getTranslations('flash')). */
export type FlashTranslator = (key: FlashKey, values?: { provider: string }) => string;

const FAILURES = new Set<string>([
  'denied',
  'provider_error',
  'unconfirmed',
  'invalid_state',
  'platform_unavailable',
]);

function isFailureKey(reason: string | undefined): reason is FlashKey {
  return reason !== undefined && FAILURES.has(reason);
}

/** The query parameters a redirect back to /devices uses to pick its banner (removed once shown). */
export const FLASH_PARAMS = [
  'connected',
  'reconnected',
  'disconnected',
  'connect_error',
  'provider',
] as const;

/**
 * The one-off banner after a redirect back to /devices. Only our own sentences are shown; the query
 * string merely picks one, and an unknown provider or reason shows nothing.
 */
export function devicesFlash(
  params: Record<string, string | string[] | undefined>,
  t: FlashTranslator,
): FlashMessage | null {
  const pick = (key: string) => (typeof params[key] === 'string' ? params[key] : undefined);
  const provider = pick('connected') ?? pick('reconnected') ?? pick('disconnected') ?? pick('provider');
  const known = provider && isKnownProvider(provider) ? providerInfo(provider) : undefined;
  for (const outcome of ['connected', 'reconnected', 'disconnected'] as const) {
    if (pick(outcome) && known) return { tone: 'success', text: t(outcome, { provider: known.name }) };
  }
  const reason = pick('connect_error');
  if (isFailureKey(reason))
    return {
      tone: 'error',
      text: t(reason, { provider: known?.name ?? t('someDevice') }),
      retryProvider: known?.id,
    };
  return null;
}
