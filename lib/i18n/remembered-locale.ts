import { cookies } from 'next/headers';
import { getEnv } from '@/lib/env';
import { type Locale, isLocale } from './locales';

/**
 * The link's language outlives the session that carried it, for the pages seen after signing out
 * (the session row that held it is revoked). Not a secret: it only picks the reader's own language,
 * and any value that is not one of ours is ignored.
 */
const COOKIE = 'cp_locale';
const KEEP_FOR_SECONDS = 30 * 24 * 60 * 60;

export async function rememberedLocale(): Promise<Locale | null> {
  const value = (await cookies()).get(COOKIE)?.value;
  return isLocale(value) ? value : null;
}

export async function rememberLocale(locale: string | null): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(COOKIE, locale, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: getEnv().PORTAL_PUBLIC_SCHEME === 'https',
    maxAge: KEEP_FOR_SECONDS,
  });
}
