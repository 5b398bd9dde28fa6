import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PortalShell } from '@/components/portal-shell';
import { getPortalSession } from '@/lib/auth/get-portal-session';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

export default async function TenantHomePage({ params }: { params: Promise<{ host: string }> }) {
  const host = (await params).host;
  const tenant = await getTenantForHostSegment(host);
  if (!tenant) notFound();
  if (await getPortalSession(host)) redirect('/devices');
  const t = await getTranslations('home');
  return (
    <PortalShell tenant={tenant}>
      <h1 className="text-2xl font-semibold">{tenant.name}</h1>
      <p className="mt-3 text-[var(--text-muted)]">{t('text')}</p>
    </PortalShell>
  );
}
