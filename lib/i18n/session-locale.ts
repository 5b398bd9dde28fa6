import { headers } from 'next/headers';
import type { Locale } from './locales';
import { chooseLocale } from './negotiate-locale';

/**
 * The language for a server action's messages, from the action's own session and tenant (never
 * from Host), then the browser's Accept-Language.
 */
export async function sessionLocale(signedIn: {
  session: { locale: string | null };
  tenant: { defaultLocale: string };
}): Promise<Locale> {
  return chooseLocale({
    linkLocale: signedIn.session.locale,
    acceptLanguage: (await headers()).get('accept-language'),
    tenantDefault: signedIn.tenant.defaultLocale,
  });
}
