import { describe, expect, it } from 'vitest';
import { chooseLocale, localeFromAcceptLanguage, parseAcceptLanguage } from '@/lib/i18n/negotiate-locale';
import { relativeTime } from '@/lib/i18n/relative-time';

describe('locale choice', () => {
  it('reads Accept-Language by quality, then order, and skips q=0 and *', () => {
    expect(parseAcceptLanguage('fr;q=0.5, de-CH, en;q=0.8, ja;q=0, *')).toEqual(['de-ch', 'en', 'fr']);
    expect(parseAcceptLanguage('')).toEqual([]);
    expect(parseAcceptLanguage(null)).toEqual([]);
  });

  it('matches a regional tag to its language and skips unsupported ones', () => {
    expect(localeFromAcceptLanguage('pt-BR, es-MX;q=0.9, en;q=0.5')).toBe('es');
    expect(localeFromAcceptLanguage('ja-JP')).toBe('ja');
    expect(localeFromAcceptLanguage('pt, zh')).toBeNull();
  });

  it('prefers the link, then the browser, then the tenant, then English', () => {
    expect(chooseLocale({ linkLocale: 'de', acceptLanguage: 'ja', tenantDefault: 'fr' })).toBe('de');
    expect(chooseLocale({ linkLocale: null, acceptLanguage: 'ja', tenantDefault: 'fr' })).toBe('ja');
    expect(chooseLocale({ linkLocale: null, acceptLanguage: 'pt', tenantDefault: 'fr' })).toBe('fr');
    expect(chooseLocale({ acceptLanguage: null, tenantDefault: 'xx' })).toBe('en');
    expect(chooseLocale({ linkLocale: 'klingon', acceptLanguage: 'es' })).toBe('es');
  });

  it('words relative times in the chosen language', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    const fiveMinutesAgo = new Date(now - 5 * 60_000);
    expect(relativeTime(fiveMinutesAgo, now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(fiveMinutesAgo, now, 'de')).toBe('vor 5 Minuten');
    expect(relativeTime(fiveMinutesAgo, now, 'ja')).toBe('5 分前');
    expect(relativeTime(new Date(now - 26 * 3600_000), now, 'fr')).toBe('hier');
  });
});
