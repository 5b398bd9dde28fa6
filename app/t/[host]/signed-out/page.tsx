import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ExitPage } from '@/components/exit-page';
import { exitBackUrl, newLinkUrl } from '@/lib/links/exit-links';
import { checkReturnUrl } from '@/lib/security/return-url';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

/** After Sign out; ?return_url= carries the ended session's way back, checked again here. */
export default async function SignedOutPage({
  params,
  searchParams,
}: {
  params: Promise<{ host: string }>;
  searchParams: Promise<{ return_url?: string | string[] }>;
}) {
  const tenant = await getTenantForHostSegment((await params).host);
  if (!tenant) notFound();
  const t = await getTranslations('signedOut');
  const asked = (await searchParams).return_url;
  const returnUrl =
    typeof asked === 'string' ? checkReturnUrl(asked, tenant.allowedReturnOrigins) : undefined;
  return (
    <ExitPage
      tenant={tenant}
      title={t('title')}
      text={t('text', { tenant: tenant.name })}
      backUrl={exitBackUrl(tenant, returnUrl)}
      newLinkUrl={newLinkUrl(tenant, 'signed_out')}
    />
  );
}
