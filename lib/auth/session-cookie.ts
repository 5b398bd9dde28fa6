import { getEnv } from '@/lib/env';

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
