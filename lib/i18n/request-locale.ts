import { headers } from 'next/headers';
import { cache } from 'react';
import { getPortalSession } from '@/lib/auth/get-portal-session';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';
import type { Locale } from './locales';
import { chooseLocale } from './negotiate-locale';
import { rememberedLocale } from './remembered-locale';

/**
 * The language of this request's page: the session's (from its link) — or, signed out, the one the
 * last session on this host left behind — else Accept-Language, else the tenant's default. The host
 * only picks which tenant's default and session apply, as for the page.
 */
export const getRequestLocale = cache(async (): Promise<Locale> => {
  const requestHeaders = await headers();
  const hostSegment = encodeURIComponent((requestHeaders.get('host') ?? '').toLowerCase());
  const signedIn = await getPortalSession(hostSegment);
  const tenant = signedIn?.tenant ?? (await getTenantForHostSegment(hostSegment));
  return chooseLocale({
    linkLocale: signedIn ? signedIn.session.locale : await rememberedLocale(),
    acceptLanguage: requestHeaders.get('accept-language'),
    tenantDefault: tenant?.defaultLocale,
  });
});
