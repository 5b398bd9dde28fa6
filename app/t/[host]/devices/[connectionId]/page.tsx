import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { ConnectForm } from '@/components/devices/connect-form';
import { needsAttention } from '@/components/devices/needs-attention';
import { LocalTime } from '@/components/local-time';
import { SignedInShell } from '@/components/portal-shell';
import { ProviderLogo } from '@/components/provider-logo';
import { StatusBadge } from '@/components/status-badge';
import { buttonStyles } from '@/components/ui/button-styles';
import { requirePortalSession } from '@/lib/auth/get-portal-session';
import { isMessageKey } from '@/lib/i18n/message-keys';
import { deviceView } from '@/lib/connections/connection-row';
import { findConnection } from '@/lib/connections/find-connection';

type Props = { params: Promise<{ host: string; connectionId: string }> };

export default async function DeviceDetailsPage({ params }: Props) {
  const { host, connectionId } = await params;
  const signedIn = await requirePortalSession(host);
  const row = await findConnection(signedIn.db, {
    tenantId: signedIn.tenant.id,
    connectionId,
    referenceId: signedIn.session.referenceId,
  });
  const device = row ? deviceView(row) : null;
  if (!device) notFound();
  const [t, tDevices, tScopes] = await Promise.all([
    getTranslations('device'),
    getTranslations('devices'),
    getTranslations('scopes'),
  ]);
  // Scopes we know are named in the reader's language; a platform's unknown scope is shown as sent.
  const scopeName = (scope: string) => (isMessageKey('scopes', scope) ? tScopes(scope) : scope);
  const canReconnect = needsAttention(device);
  const isDisconnected = device.status === 'disconnected';
  return (
    <SignedInShell signedIn={signedIn}>
      <ClientMessages namespaces={['devices']}>
        <a
          href="/devices"
          className="text-sm font-medium text-[var(--accent-text)] underline-offset-4 hover:underline"
        >
          <span aria-hidden="true">← </span>
          {t('allDevices')}
        </a>
        <div className="mt-4 flex items-center gap-3">
          <ProviderLogo name={device.providerName} color={device.providerColor} size={48} />
          <h1 className="text-2xl font-semibold">{device.providerName}</h1>
          <StatusBadge status={device.status} />
        </div>
        <dl className="mt-6 grid gap-4 rounded-xl border border-[var(--border)] bg-[var(--surface)] p-4 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-[var(--text-muted)]">{t('connectedSince')}</dt>
            <dd>{device.connectedAt ? <LocalTime iso={device.connectedAt} /> : '—'}</dd>
          </div>
          <div>
            <dt className="text-sm text-[var(--text-muted)]">{t('lastData')}</dt>
            <dd>
              {/* A relative "this minute" would read as healthy for a device that stopped sharing. */}
              {device.lastDataAt ? (
                <LocalTime iso={device.lastDataAt} relative={device.status === 'active'} />
              ) : (
                t('noDataYet')
              )}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-[var(--text-muted)]">{t('statusSince')}</dt>
            <dd>
              <LocalTime iso={device.statusChangedAt} />
            </dd>
          </div>
          {isDisconnected ? null : (
            <div>
              <dt className="text-sm text-[var(--text-muted)]">{t('sharedData')}</dt>
              <dd>{device.scopes.length > 0 ? device.scopes.map(scopeName).join(', ') : '—'}</dd>
            </div>
          )}
        </dl>
        {isDisconnected ? (
          <div className="mt-6 flex flex-col items-start gap-3">
            <p>{t('disconnectedNotice')}</p>
            <ConnectForm provider={device.provider} providerName={device.providerName} again />
          </div>
        ) : (
          <div className="mt-6 flex flex-wrap gap-3">
            {canReconnect ? (
              <ConnectForm
                provider={device.provider}
                providerName={device.providerName}
                connectionId={device.id}
              />
            ) : null}
            <a href={`/devices/${device.id}/disconnect`} className={buttonStyles.secondary}>
              {tDevices('disconnectProvider', { provider: device.providerName })}
            </a>
          </div>
        )}
      </ClientMessages>
    </SignedInShell>
  );
}
