'use client';

import { useTranslations } from 'next-intl';
import type { ProviderView } from '@/lib/connections/list-providers-for-tenant';
import { ProviderLogo } from '../provider-logo';
import { buttonStyles } from '../ui/button-styles';

type Props = { providers: ProviderView[]; connectAction: (form: FormData) => void; pending: boolean };

/**
 * One form for the whole grid: the button pressed sends its provider (name="provider"), with or
 * without JavaScript. One form instead of one per provider keeps the page light, since React writes
 * the action's hidden fields into every form it renders.
 */
export function AddDeviceGrid({ providers, connectAction, pending }: Props) {
  const t = useTranslations('devices');
  if (providers.length === 0) {
    return <p className="text-sm text-[var(--text-muted)]">{t('allConnected')}</p>;
  }
  return (
    <form action={connectAction}>
      <ul aria-label={t('addableList')} className="grid gap-3 sm:grid-cols-2">
        {providers.map((provider) => (
          <li
            key={provider.id}
            className="flex items-center gap-3 rounded-xl border border-[var(--border)] bg-[var(--surface)] p-3"
          >
            <ProviderLogo name={provider.name} color={provider.color} size={36} />
            <span className="flex-1 font-medium">{provider.name}</span>
            {provider.webConnect ? (
              <button
                type="submit"
                name="provider"
                value={provider.id}
                className={buttonStyles.secondary}
                disabled={pending}
                aria-label={t('connectProvider', { provider: provider.name })}
              >
                {t('connect')}
              </button>
            ) : (
              <span className="text-right text-xs text-[var(--text-muted)]">{t('mobileOnly')}</span>
            )}
          </li>
        ))}
      </ul>
    </form>
  );
}
