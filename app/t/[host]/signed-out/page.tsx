import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PortalShell } from '@/components/portal-shell';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

export default async function SignedOutPage({ params }: { params: Promise<{ host: string }> }) {
  const tenant = await getTenantForHostSegment((await params).host);
  if (!tenant) notFound();
  const t = await getTranslations('signedOut');
  return (
    <PortalShell tenant={tenant}>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-[var(--text-muted)]">{t('text', { tenant: tenant.name })}</p>
    </PortalShell>
  );
}
