import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { SignedIn } from '@/lib/auth/get-portal-session';
import { tenantBrand } from '@/lib/branding/tenant-brand';
import type { Tenant } from '@/lib/tenants/tenant';
import { BrandLogo } from './brand-logo';
import { PortalFooter } from './portal-footer';
import { SignOutButton } from './sign-out-button';

type PortalShellProps = {
  tenant: Tenant;
  returnUrl?: string | null;
  signedIn?: boolean;
  /** Shown as "Signed in as …" when the link carried a label. */
  userLabel?: string | null;
  children: ReactNode;
};

/** The frame of every portal page: tenant brand, way back to the tenant's app, sign-out, footer. */
export function PortalShell({ tenant, returnUrl, signedIn = false, userLabel, children }: PortalShellProps) {
  const t = useTranslations('shell');
  const brand = tenantBrand(tenant);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-[var(--border)] bg-[var(--surface)]">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
          <BrandLogo brand={brand} />
          <nav aria-label={t('account')} className="flex items-center gap-2">
            {signedIn && userLabel ? (
              <span className="hidden text-sm text-[var(--text-muted)] sm:inline">
                {t('signedInAs', { label: userLabel })}
              </span>
            ) : null}
            {returnUrl ? (
              <a
                href={returnUrl}
                className="rounded-md px-3 py-2 text-sm font-medium text-[var(--accent-text)] underline-offset-4 hover:underline"
              >
                {t('backTo', { tenant: brand.name })}
              </a>
            ) : null}
            {signedIn ? <SignOutButton label={t('signOut')} /> : null}
          </nav>
        </div>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">{children}</main>
      <PortalFooter brand={brand} />
    </div>
  );
}

/** The shell of a signed-in user's own pages: their way back to the app, who they are, sign-out. */
export function SignedInShell({ signedIn, children }: { signedIn: SignedIn; children: ReactNode }) {
  return (
    <PortalShell
      tenant={signedIn.tenant}
      returnUrl={signedIn.session.returnUrl}
      userLabel={signedIn.session.userLabel}
      signedIn
    >
      {children}
    </PortalShell>
  );
}
