import { getRequestConfig } from 'next-intl/server';
import { isLocale } from '@/lib/i18n/locales';
import { messagesFor } from '@/lib/i18n/messages';
import { getRequestLocale } from '@/lib/i18n/request-locale';

// App glue, not a library: next-intl's request configuration (wired in next.config.js), one locale
// per request and no locale in URLs. The rules it applies live in lib/i18n.
export default getRequestConfig(async ({ locale }) => {
  const chosen = isLocale(locale) ? locale : await getRequestLocale();
  // Server-rendered times are UTC; <LocalTime> re-renders them in the reader's zone.
  return { locale: chosen, messages: messagesFor(chosen), timeZone: 'UTC' };
});
