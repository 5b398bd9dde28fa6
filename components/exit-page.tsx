import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { tenantBrand } from '@/lib/branding/tenant-brand';
import type { Tenant } from '@/lib/tenants/tenant';
import { BrandLogo } from './brand-logo';
import { PortalFooter } from './portal-footer';
import { buttonStyles } from './ui/button-styles';

type Props = {
  tenant: Tenant;
  title: string;
  text: string;
  /** "Back to {tenant}"; every exit page has one when the tenant gave any way back. */
  backUrl: string | null;
  /** "Get a new link" to the tenant's link-request page. */
  newLinkUrl?: string | null;
  /** One more way on, e.g. the signed-in user's device list. */
  extra?: ReactNode;
};

/**
 * The one layout of every page a user lands on without a way further in (session ended, signed out,
 * a device that does not exist): the same card as the /l/ problem pages, never a dead end.
 */
export function ExitPage({ tenant, title, text, backUrl, newLinkUrl, extra }: Props) {
  const t = useTranslations('exit');
  const tShell = useTranslations('shell');
  const brand = tenantBrand(tenant);
  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-6 px-4 py-8">
      <main data-layout="exit" className="w-full max-w-md rounded-2xl bg-[var(--surface)] p-8 shadow-sm">
        <div className="mb-4">
          <BrandLogo brand={brand} />
        </div>
        <h1 className="text-[1.375rem] leading-snug font-semibold">{title}</h1>
        <p className="mt-2 text-[var(--text-muted)]">{text}</p>
        <div className="mt-6 flex flex-col gap-3">
          {backUrl ? (
            <a href={backUrl} className={`${buttonStyles.primary} w-full`}>
              {tShell('backTo', { tenant: brand.name })}
            </a>
          ) : null}
          {newLinkUrl ? (
            <a href={newLinkUrl} className={`${buttonStyles.secondary} w-full`}>
              {t('getNewLink')}
            </a>
          ) : null}
          {extra}
        </div>
      </main>
      <div className="w-full max-w-md">
        <PortalFooter brand={brand} />
      </div>
    </div>
  );
}
