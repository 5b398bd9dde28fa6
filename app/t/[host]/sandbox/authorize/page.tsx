import { getTranslations } from 'next-intl/server';
import { PortalShell } from '@/components/portal-shell';
import { ProviderLogo } from '@/components/provider-logo';
import { ClientMessages } from '@/components/client-messages';
import { SandboxConsentForm } from '@/components/sandbox-consent-form';
import { Badge } from '@/components/ui/badge';
import { requirePortalSession } from '@/lib/auth/get-portal-session';
import { providerInfo } from '@/lib/connections/provider-catalogue';
import { findOpenConnectAttempt } from '@/lib/connections/connect-attempt';

type Props = { params: Promise<{ host: string }>; searchParams: Promise<{ state?: string | string[] }> };

/** The sandbox source's stand-in for a provider's consent screen. */
export default async function SandboxAuthorizePage({ params, searchParams }: Props) {
  const signedIn = await requirePortalSession((await params).host);
  const state = (await searchParams).state;
  const found =
    typeof state === 'string'
      ? await findOpenConnectAttempt(signedIn.db, { tenantId: signedIn.tenant.id, state })
      : undefined;
  // Only the session that started the attempt may answer it.
  const attempt = found?.sessionId === signedIn.session.id ? found : null;
  const t = await getTranslations('sandbox');
  const provider = attempt ? providerInfo(attempt.provider) : null;
  return (
    <PortalShell tenant={signedIn.tenant} signedIn>
      <div className="rounded-xl border border-[var(--border)] bg-[var(--surface)] p-6">
        <Badge tone="warning">{t('badge')}</Badge>
        {attempt && provider && typeof state === 'string' ? (
          <>
            <div className="mt-4 flex items-center gap-3">
              <ProviderLogo name={provider.name} color={provider.color} size={48} />
              <h1 className="text-2xl font-semibold">
                {t(attempt.connectionId !== null ? 'reconnect' : 'connect', { provider: provider.name })}
              </h1>
            </div>
            <p className="mt-4 text-[var(--text-muted)]">{t('explain', { tenant: signedIn.tenant.name })}</p>
            <ClientMessages namespaces={['sandbox']}>
              <SandboxConsentForm state={state} />
            </ClientMessages>
          </>
        ) : (
          <>
            <h1 className="mt-4 text-2xl font-semibold">{t('expiredTitle')}</h1>
            <p className="mt-2 text-[var(--text-muted)]">
              {t.rich('expiredText', {
                link: (chunks) => (
                  <a href="/devices" className="font-medium text-[var(--accent-text)] underline">
                    {chunks}
                  </a>
                ),
              })}
            </p>
          </>
        )}
      </div>
    </PortalShell>
  );
}
