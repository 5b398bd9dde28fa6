import { cookies } from 'next/headers';
import { sessionCookieName, sessionCookieOptions } from './session-cookie';
import { SESSION_MAX_AGE_SECONDS } from './auth-options';

export async function readSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName())?.value;
}

/** Set-Cookie for a new session: host-only (no Domain), HttpOnly, SameSite=Lax, Path=/, Secure behind https. */
export function sessionSetCookie(value: string): string {
  const options = sessionCookieOptions();
  const parts = [
    `${sessionCookieName()}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${SESSION_MAX_AGE_SECONDS}`,
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function sessionClearCookie(): string {
  const options = sessionCookieOptions();
  return [
    `${sessionCookieName()}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=0',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
