import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { ProviderLogo } from '@/components/provider-logo';
import { SandboxConsentForm } from '@/components/sandbox-consent-form';
import { Badge } from '@/components/ui/badge';
import { buttonStyles } from '@/components/ui/button-styles';
import { requirePortalSession } from '@/lib/auth/get-portal-session';
import { findOpenConnectAttempt } from '@/lib/connections/connect-attempt';
import { providerInfo } from '@/lib/connections/provider-catalogue';
import { SANDBOX_SCOPES } from '@/lib/connections/sources/sandbox';
import { isMessageKey } from '@/lib/i18n/message-keys';

type Props = { params: Promise<{ host: string }>; searchParams: Promise<{ state?: string | string[] }> };

/**
 * The sandbox source's stand-in for a provider's consent screen. It looks like another company's
 * page, as a real provider's would: no tenant header, no Sign out, a way to cancel.
 */
export default async function SandboxAuthorizePage({ params, searchParams }: Props) {
  const signedIn = await requirePortalSession((await params).host);
  const state = (await searchParams).state;
  const found =
    typeof state === 'string'
      ? await findOpenConnectAttempt(signedIn.db, { tenantId: signedIn.tenant.id, state })
      : undefined;
  // Only the session that started the attempt may answer it.
  const attempt = found?.sessionId === signedIn.session.id ? found : null;
  const [t, tScopes] = await Promise.all([getTranslations('sandbox'), getTranslations('scopes')]);
  const provider = attempt ? providerInfo(attempt.provider) : null;
  return (
    <div className="flex min-h-screen items-center justify-center px-4 py-8">
      <main className="w-full max-w-md rounded-2xl bg-[var(--surface)] p-8 shadow-sm">
        {attempt && provider && typeof state === 'string' ? (
          <>
            <div className="flex items-center justify-between gap-3">
              <ProviderLogo name={provider.name} color={provider.color} size={48} />
              <Badge tone="warning">{t('badge')}</Badge>
            </div>
            <h1 className="mt-6 text-2xl font-semibold">
              {t(attempt.connectionId !== null ? 'reconnect' : 'connect', { provider: provider.name })}
            </h1>
            <p className="mt-4">{t('wantsAccess', { tenant: signedIn.tenant.name })}</p>
            <ul className="mt-2 list-inside list-disc text-[var(--text-muted)]">
              {SANDBOX_SCOPES.map((scope) => (
                <li key={scope}>{isMessageKey('scopes', scope) ? tScopes(scope) : scope}</li>
              ))}
            </ul>
            <p className="mt-4 text-sm text-[var(--text-muted)]">{t('simulated')}</p>
            <ClientMessages namespaces={['sandbox']}>
              <SandboxConsentForm state={state} />
            </ClientMessages>
            <a href="/devices" className={`${buttonStyles.secondary} mt-2 w-full border-0`}>
              {t('cancel')}
            </a>
          </>
        ) : (
          <>
            <Badge tone="warning">{t('badge')}</Badge>
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
      </main>
    </div>
  );
}
