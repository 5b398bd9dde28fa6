import { DEFAULT_LOCALE, type Locale, isLocale } from './locales';

/** The languages of an Accept-Language header, best first (q=0 means "not this one"). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => tag !== '' && tag !== '*' && Number.isFinite(q) && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

/** The first supported language of an Accept-Language header; `de-CH` counts as `de`. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  for (const tag of parseAcceptLanguage(header)) {
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return null;
}

/**
 * SPEC §5: the link's locale (kept on the session), else the browser's Accept-Language, else the
 * tenant's default, else English.
 */
export function chooseLocale(input: {
  linkLocale?: string | null;
  acceptLanguage?: string | null;
  tenantDefault?: string | null;
}): Locale {
  if (isLocale(input.linkLocale)) return input.linkLocale;
  const fromBrowser = localeFromAcceptLanguage(input.acceptLanguage);
  if (fromBrowser) return fromBrowser;
  if (isLocale(input.tenantDefault)) return input.tenantDefault;
  return DEFAULT_LOCALE;
}
