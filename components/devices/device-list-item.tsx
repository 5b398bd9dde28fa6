'use client';

import { useTranslations } from 'next-intl';
import type { FormEvent } from 'react';
import type { DeviceView } from '@/lib/connections/connection-row';
import { LocalTime } from '../local-time';
import { ProviderLogo } from '../provider-logo';
import { StatusBadge } from '../status-badge';
import { buttonStyles } from '../ui/button-styles';
import { needsAttention } from './needs-attention';

type Props = {
  device: DeviceView;
  connectAction: (form: FormData) => void;
  onDisconnectRequest: (device: DeviceView) => void;
  connectPending: boolean;
};

export function DeviceListItem({ device, connectAction, onDisconnectRequest, connectPending }: Props) {
  const t = useTranslations('devices');
  const needsReconnect = needsAttention(device);
  const askToDisconnect = (event: FormEvent) => {
    // With JavaScript the confirmation opens in a dialog; without it this form opens the confirm page.
    event.preventDefault();
    onDisconnectRequest(device);
  };
  return (
    <li className="flex flex-col gap-4 rounded-xl border border-[var(--border)] bg-[var(--surface)] p-4 sm:flex-row sm:items-center">
      <div className="flex min-w-0 flex-1 items-start gap-3">
        <ProviderLogo name={device.providerName} color={device.providerColor} />
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold">
              <a href={`/devices/${device.id}`} className="underline-offset-4 hover:underline">
                {device.providerName}
              </a>
            </h3>
            <StatusBadge status={device.status} />
          </div>
          {needsReconnect ? (
            <p className="mt-1 text-sm">
              {t(device.status === 'error' ? 'reasonError' : 'reasonReauth', {
                provider: device.providerName,
              })}
            </p>
          ) : null}
          <dl className="mt-1 flex flex-wrap gap-x-4 text-sm text-[var(--text-muted)]">
            {device.connectedAt ? (
              <div>
                <dt className="inline">{t('connectedSince')} </dt>
                <dd className="inline whitespace-nowrap">
                  <LocalTime iso={device.connectedAt} />
                </dd>
              </div>
            ) : null}
            {needsReconnect && device.lastDataAt ? (
              // When data stopped, as a date: a relative "this minute" would read as healthy.
              <div>
                <dt className="inline">{t('noDataSince')} </dt>
                <dd className="inline whitespace-nowrap">
                  <LocalTime iso={device.lastDataAt} />
                </dd>
              </div>
            ) : (
              <div>
                <dt className="inline">{t('lastData')} </dt>
                <dd className="inline whitespace-nowrap">
                  {device.lastDataAt ? <LocalTime iso={device.lastDataAt} relative /> : t('noDataYet')}
                </dd>
              </div>
            )}
          </dl>
        </div>
      </div>
      {/* Full-width buttons of one size on a phone; side by side from the small breakpoint up. */}
      <div className="flex flex-col gap-2 sm:flex-row sm:justify-end [&_button]:w-full sm:[&_button]:w-auto">
        {needsReconnect ? (
          <form action={connectAction}>
            <input type="hidden" name="provider" value={device.provider} />
            <input type="hidden" name="connection_id" value={device.id} />
            <button type="submit" className={buttonStyles.primary} disabled={connectPending}>
              {t('reconnectProvider', { provider: device.providerName })}
            </button>
          </form>
        ) : null}
        <form method="get" action={`/devices/${device.id}/disconnect`} onSubmit={askToDisconnect}>
          <button type="submit" className={buttonStyles.secondary}>
            {t('disconnectProvider', { provider: device.providerName })}
          </button>
        </form>
      </div>
    </li>
  );
}
