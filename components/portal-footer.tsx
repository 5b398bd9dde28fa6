import { useTranslations } from 'next-intl';
import type { TenantBrand } from '@/lib/branding/tenant-brand';

const linkClass = 'underline underline-offset-4 hover:text-[var(--text)]';

/** Help and privacy links the tenant configured, and our credit unless the tenant hides it. */
export function PortalFooter({ brand }: { brand: TenantBrand }) {
  const t = useTranslations('shell');
  const hasLinks = brand.supportUrl !== null || brand.privacyUrl !== null;
  if (!hasLinks && !brand.showPoweredBy) return null;
  return (
    <footer className="mx-auto flex w-full max-w-3xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 pb-8 text-sm text-[var(--text-muted)]">
      {hasLinks ? (
        <nav aria-label={t('footer')} className="flex flex-wrap gap-x-4 gap-y-2">
          {brand.supportUrl ? (
            <a href={brand.supportUrl} className={linkClass}>
              {t('help')}
            </a>
          ) : null}
          {brand.privacyUrl ? (
            <a href={brand.privacyUrl} className={linkClass}>
              {t('privacy')}
            </a>
          ) : null}
        </nav>
      ) : null}
      {brand.showPoweredBy ? <p>{t('poweredBy')}</p> : null}
    </footer>
  );
}
