import { getTranslations } from 'next-intl/server';
import { ExitPage } from '@/components/exit-page';
import { lookupPortalSession, requestHost } from '@/lib/auth/get-portal-session';
import { exitBackUrl } from '@/lib/links/exit-links';

/** A device id that is not this user's (or nobody's): the tenant's branded exit page, with a 404. */
export default async function DeviceNotFound() {
  const { tenant, signedIn } = await lookupPortalSession(await requestHost());
  if (!tenant) return null;
  const t = await getTranslations('exit');
  return (
    <ExitPage
      tenant={tenant}
      title={t('deviceMissingTitle')}
      text={t('deviceMissingText')}
      backUrl={exitBackUrl(tenant, signedIn?.session.returnUrl)}
      extra={
        <a
          href="/devices"
          className="text-center font-medium text-[var(--accent-text)] underline-offset-4 hover:underline"
        >
          {t('allDevices')}
        </a>
      }
    />
  );
}
