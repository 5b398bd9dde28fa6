import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { SignedIn } from '@/lib/auth/get-portal-session';
import { tenantBrand } from '@/lib/branding/tenant-brand';
import type { Tenant } from '@/lib/tenants/tenant';
import { BrandLogo } from './brand-logo';
import { buttonStyles } from './ui/button-styles';
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
        {/* One line at any width: the brand and the label truncate, the two actions never wrap. */}
        <div className="mx-auto flex max-w-3xl items-center gap-3 px-4 py-3">
          <div className="flex min-w-0 shrink-0 items-center">
            <BrandLogo brand={brand} />
          </div>
          <nav aria-label={t('account')} className="flex min-w-0 flex-1 items-center justify-end gap-2">
            {signedIn && userLabel ? (
              <span
                title={t('signedInAs', { label: userLabel })}
                className="min-w-0 truncate text-sm text-[var(--text-muted)]"
              >
                {t('signedInAs', { label: userLabel })}
              </span>
            ) : null}
            {returnUrl ? (
              // The way back is the page's main exit: a button, full text from the small breakpoint up.
              <a
                href={returnUrl}
                aria-label={t('backTo', { tenant: brand.name })}
                className={`${buttonStyles.secondary} shrink-0 whitespace-nowrap px-3 py-2 text-sm`}
              >
                <span aria-hidden="true">← </span>
                <span className="sm:hidden">{t('back')}</span>
                <span className="hidden sm:inline">{t('backTo', { tenant: brand.name })}</span>
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
