'use client';

import { useTranslations } from 'next-intl';
import { useState, useSyncExternalStore } from 'react';
import type { ProviderView } from '@/lib/connections/list-providers-for-tenant';
import { ProviderLogo } from '../provider-logo';

type Props = {
  providers: ProviderView[];
  connectAction: (form: FormData) => void;
  pending: boolean;
  tenantName: string;
};

/** Above this many providers the grid gets a filter box (SPEC §13). */
const FILTER_FROM = 7;
const subscribe = () => () => undefined;

/**
 * One form for the whole grid: the button pressed sends its provider (name="provider"), with or
 * without JavaScript. One form instead of one per provider keeps the page light, since React writes
 * the action's hidden fields into every form it renders.
 */
export function AddDeviceGrid({ providers, connectAction, pending, tenantName }: Props) {
  const t = useTranslations('devices');
  const [query, setQuery] = useState('');
  // The filter only works with JavaScript: until the page runs it, its place is kept but empty, so
  // nothing moves under the pointer when it appears.
  const isClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  if (providers.length === 0) {
    return <p className="text-sm text-[var(--text-muted)]">{t('allConnected')}</p>;
  }
  const wanted = query.trim().toLocaleLowerCase();
  const shown = wanted
    ? providers.filter((provider) => provider.name.toLocaleLowerCase().includes(wanted))
    : providers;
  return (
    <>
      {providers.length >= FILTER_FROM ? (
        // Outside the form: Enter in the box must not submit the first provider's button.
        <label className={`mb-3 block ${isClient ? '' : 'invisible'}`}>
          <span className="sr-only">{t('findDevice')}</span>
          <input
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder={t('findDevice')}
            className="w-full rounded-lg border border-[var(--border)] bg-[var(--surface)] px-3 py-2 text-sm"
          />
        </label>
      ) : null}
      {shown.length === 0 ? (
        <p className="text-sm text-[var(--text-muted)]">{t('noMatch', { query: query.trim() })}</p>
      ) : null}
      <form action={connectAction}>
        {/* Compact tiles, two to a row on a phone: thirteen providers stay under a screen's height. */}
        <ul aria-label={t('addableList')} className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {shown.map((provider) => (
            <li
              key={provider.id}
              className={`relative flex items-center gap-3 rounded-xl border border-[var(--border)] bg-[var(--surface)] p-3 ${
                provider.webConnect
                  ? 'hover:border-[var(--accent-text)] hover:bg-[var(--surface-muted)]'
                  : 'border-dashed'
              }`}
            >
              <ProviderLogo name={provider.name} color={provider.color} size={32} />
              <span className="min-w-0 flex-1">
                <span className="block leading-tight font-medium break-words">{provider.name}</span>
                {provider.webConnect ? null : (
                  <span className="block text-xs text-[var(--text-muted)]">
                    {t('mobileOnly', { tenant: tenantName })}
                  </span>
                )}
              </span>
              {provider.webConnect ? (
                <>
                  <span
                    aria-hidden="true"
                    className="hidden text-xl leading-none font-semibold text-[var(--accent-text)] sm:inline"
                  >
                    +
                  </span>
                  {/* Stretched over the whole tile; it has no visible text of its own, only its name. */}
                  <button
                    type="submit"
                    name="provider"
                    value={provider.id}
                    disabled={pending}
                    aria-label={t('connectProvider', { provider: provider.name })}
                    className="absolute inset-0 rounded-xl disabled:cursor-not-allowed"
                  />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </form>
    </>
  );
}
