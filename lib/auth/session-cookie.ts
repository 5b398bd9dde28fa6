import { cookies } from 'next/headers';
import { getEnv } from '@/lib/env';
import { SESSION_MAX_AGE_SECONDS } from './auth-options';

/** `__Host-` behind https binds the cookie to one host, with Secure and Path=/, and no Domain. */
export function sessionCookieName(): string {
  return getEnv().PORTAL_PUBLIC_SCHEME === 'https' ? '__Host-cp_session' : 'cp_session';
}

export function sessionCookieOptions() {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: getEnv().PORTAL_PUBLIC_SCHEME === 'https',
  };
}

export async function readSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName())?.value;
}

/** Set-Cookie for a new session: host-only (no Domain), HttpOnly, SameSite=Lax, Path=/, Secure behind https. */
export function sessionSetCookie(value: string): string {
  const parts = [
    `${sessionCookieName()}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${SESSION_MAX_AGE_SECONDS}`,
  ];
  if (sessionCookieOptions().secure) parts.push('Secure');
  return parts.join('; ');
}
