import type { AuthOptions } from 'next-auth';
import { getEnv } from '@/lib/env';
import { sessionCookieName, sessionCookieOptions } from './session-cookie';

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * next-auth owns the session cookie format (a JWE signed with NEXTAUTH_SECRET). End users sign in only
 * by redeeming a portal link (POST /l/{token}), which mints the cookie with next-auth's `encode`, so no
 * sign-in provider is configured here.
 */
export function authOptions(): AuthOptions {
  return {
    secret: getEnv().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    providers: [],
    cookies: { sessionToken: { name: sessionCookieName(), options: sessionCookieOptions() } },
    pages: { signIn: '/expired', signOut: '/signed-out', error: '/expired' },
  };
}
