import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { brandCss, brandTheme } from '@/lib/branding/brand-theme';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

export const dynamic = 'force-dynamic';

export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ host: string }>;
}) {
  const tenant = await getTenantForHostSegment((await params).host);
  if (!tenant) notFound();
  return (
    <>
      <style>{brandCss(brandTheme(tenant.accentColor))}</style>
      {children}
    </>
  );
}
