import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { ConnectForm } from '@/components/devices/connect-form';
import { SignedInShell } from '@/components/portal-shell';
import { ProviderLogo } from '@/components/provider-logo';
import { requirePortalSession } from '@/lib/auth/get-portal-session';
import { loadDevicesData } from '@/lib/portal/devices-data';

type Props = { params: Promise<{ host: string; provider: string }> };

/** GET explains and offers the button; the POST (server action) starts the flow. */
export default async function ConnectProviderPage({ params }: Props) {
  const { host, provider } = await params;
  const signedIn = await requirePortalSession(host);
  const data = await loadDevicesData(signedIn);
  const offered = data.addable.find((p) => p.id === provider.toUpperCase());
  const connected = data.devices.find((d) => d.provider === provider.toUpperCase());
  if (!offered && !connected) notFound();
  const name = offered?.name ?? connected?.providerName ?? provider;
  const t = await getTranslations('connectPage');
  const values = { provider: name, tenant: signedIn.tenant.name };
  return (
    <SignedInShell signedIn={signedIn}>
      <div className="flex items-center gap-3">
        <ProviderLogo name={name} color={offered?.color ?? connected?.providerColor ?? '#475569'} size={48} />
        <h1 className="text-2xl font-semibold">{t('title', values)}</h1>
      </div>
      {connected ? (
        <p className="mt-4 text-[var(--text-muted)]">
          {t.rich('alreadyConnected', {
            ...values,
            link: (chunks) => (
              <a href="/devices" className="font-medium text-[var(--accent-text)] underline">
                {chunks}
              </a>
            ),
          })}
        </p>
      ) : offered && !offered.webConnect ? (
        <p className="mt-4 text-[var(--text-muted)]">{t('mobileOnly', values)}</p>
      ) : (
        <>
          <p className="mt-4 text-[var(--text-muted)]">{t('explain', values)}</p>
          <div className="mt-6">
            <ClientMessages namespaces={['devices']}>
              <ConnectForm provider={offered?.id ?? provider} providerName={name} />
            </ClientMessages>
          </div>
        </>
      )}
    </SignedInShell>
  );
}
