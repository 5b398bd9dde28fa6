import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { brandCss } from '@/lib/branding/brand-theme';
import { tenantBrand } from '@/lib/branding/tenant-brand';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

export const dynamic = 'force-dynamic';

type Props = { children: ReactNode; params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const tenant = await getTenantForHostSegment((await params).host);
  if (!tenant) return {};
  const brand = tenantBrand(tenant);
  return {
    title: { default: brand.name, template: `%s · ${brand.name}` },
    // The logo doubles as the favicon; without one, the portal's own icons in public/.
    icons: brand.logoSrc
      ? { icon: brand.logoSrc }
      : {
          icon: [
            { url: '/favicon.ico', sizes: '48x48' },
            { url: '/icon.svg', type: 'image/svg+xml' },
          ],
          apple: '/apple-touch-icon.png',
        },
  };
}

export default async function TenantLayout({ children, params }: Props) {
  const tenant = await getTenantForHostSegment((await params).host);
  if (!tenant) notFound();
  const brand = tenantBrand(tenant);
  return (
    <>
      <style>{brandCss(brand.theme, brand.mode)}</style>
      {children}
    </>
  );
}
