import { getRequestConfig } from 'next-intl/server';
import { isLocale } from './locales';
import { messagesFor } from './messages';
import { getRequestLocale } from './request-locale';

// next-intl's request configuration (wired in next.config.js): one locale per request, no locale in URLs.
export default getRequestConfig(async ({ locale }) => {
  const chosen = isLocale(locale) ? locale : await getRequestLocale();
  // Server-rendered times are UTC; <LocalTime> re-renders them in the reader's zone.
  return { locale: chosen, messages: messagesFor(chosen), timeZone: 'UTC' };
});
