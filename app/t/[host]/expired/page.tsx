import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ExitPage } from '@/components/exit-page';
import { exitBackUrl, newLinkUrl } from '@/lib/links/exit-links';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

/** ?reason=session: the session ran out; otherwise the visitor was never signed in on this host. */
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
    <ExitPage
      tenant={tenant}
      title={t(isSessionEnd ? 'sessionTitle' : 'signedOutTitle')}
      text={`${t(isSessionEnd ? 'sessionText' : 'signedOutText')} ${t('again', { tenant: tenant.name })}`}
      backUrl={exitBackUrl(tenant)}
      newLinkUrl={newLinkUrl(tenant, isSessionEnd ? 'expired' : 'signed_out')}
    />
  );
}
