import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PortalShell } from '@/components/portal-shell';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

export default async function ExpiredPage({
  params,
  searchParams,
}: {
  params: Promise<{ host: string }>;
  searchParams: Promise<{ reason?: string }>;
}) {
  const tenant = await getTenantForHostSegment((await params).host);
  if (!tenant) notFound();
  const t = await getTranslations('expired');
  const isSessionEnd = (await searchParams).reason === 'session';
  return (
    <PortalShell tenant={tenant}>
      <h1 className="text-2xl font-semibold">{t(isSessionEnd ? 'sessionTitle' : 'signedOutTitle')}</h1>
      <p className="mt-2 text-[var(--text-muted)]">{t(isSessionEnd ? 'sessionText' : 'signedOutText')}</p>
      <p className="mt-2 text-[var(--text-muted)]">{t('again', { tenant: tenant.name })}</p>
    </PortalShell>
  );
}
