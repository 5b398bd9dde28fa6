import { PortalShell } from '@/components/portal-shell';
import { ProviderLogo } from '@/components/provider-logo';
import { SandboxConsentForm } from '@/components/sandbox-consent-form';
import { Badge } from '@/components/ui/badge';
import { requirePortalSession } from '@/lib/auth/get-portal-session';
import { providerInfo } from '@/lib/connections/provider-catalogue';
import { loadSandboxAttempt } from '@/lib/portal/device-actions';

type Props = { params: Promise<{ host: string }>; searchParams: Promise<{ state?: string | string[] }> };

/** The sandbox source's stand-in for a provider's consent screen. */
export default async function SandboxAuthorizePage({ params, searchParams }: Props) {
  const signedIn = await requirePortalSession((await params).host);
  const state = (await searchParams).state;
  const attempt = typeof state === 'string' ? await loadSandboxAttempt(signedIn, { state }) : null;
  const tenantName = signedIn.tenant.name;
  return (
    <PortalShell tenantName={tenantName} signedIn>
      <div className="rounded-xl border border-[var(--border)] bg-[var(--surface)] p-6">
        <Badge tone="warning">Sandbox</Badge>
        {attempt && typeof state === 'string' ? (
          <>
            <div className="mt-4 flex items-center gap-3">
              <ProviderLogo
                name={providerInfo(attempt.provider).name}
                color={providerInfo(attempt.provider).color}
                size={48}
              />
              <h1 className="text-2xl font-semibold">
                {attempt.isReconnect ? 'Reconnect' : 'Connect'} {providerInfo(attempt.provider).name}
              </h1>
            </div>
            <p className="mt-4 text-[var(--text-muted)]">
              {tenantName} would like to read your activity, sleep and heart-rate data. This is a simulated
              provider: no real account is involved.
            </p>
            <SandboxConsentForm state={state} />
          </>
        ) : (
          <>
            <h1 className="mt-4 text-2xl font-semibold">This request has expired</h1>
            <p className="mt-2 text-[var(--text-muted)]">
              <a href="/devices" className="font-medium text-[var(--accent-text)] underline">
                Go back to your devices
              </a>{' '}
              and start again.
            </p>
          </>
        )}
      </div>
    </PortalShell>
  );
}
