import { isKnownProvider, providerInfo } from '@/lib/connections/provider-catalogue';

export type FlashMessage = { tone: 'success' | 'error'; text: string; retryProvider?: string };

const FAILURES: Record<string, (name: string) => string> = {
  denied: (name) => `${name} wasn't connected: access was not allowed.`,
  provider_error: (name) => `${name} reported a problem and wasn't connected.`,
  unconfirmed: (name) => `We couldn't confirm the connection with ${name}.`,
  invalid_state: () => 'That connection request has expired or was already used. Start again below.',
  platform_unavailable: (name) =>
    `We couldn't confirm the connection of ${name} just now. Try again in a moment.`,
};

/**
 * The one-off banner after a redirect back to /devices. Only our own sentences are shown; the query
 * string merely picks one, and an unknown provider or reason shows nothing.
 */
export function devicesFlash(params: Record<string, string | string[] | undefined>): FlashMessage | null {
  const pick = (key: string) => (typeof params[key] === 'string' ? params[key] : undefined);
  const provider = pick('connected') ?? pick('reconnected') ?? pick('disconnected') ?? pick('provider');
  const known = provider && isKnownProvider(provider) ? providerInfo(provider) : undefined;
  if (pick('connected') && known) return { tone: 'success', text: `${known.name} connected` };
  if (pick('reconnected') && known) return { tone: 'success', text: `${known.name} reconnected` };
  if (pick('disconnected') && known) return { tone: 'success', text: `${known.name} disconnected` };
  const reason = pick('connect_error');
  const describe = reason ? FAILURES[reason] : undefined;
  if (describe)
    return { tone: 'error', text: describe(known?.name ?? 'The device'), retryProvider: known?.id };
  return null;
}
