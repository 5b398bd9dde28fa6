import { beforeEach, describe, expect, it, vi } from 'vitest';

// The cookie helpers read the scheme from the environment and the request's cookies from Next.js;
// both are replaced here so each test can say which it means.
const env = vi.hoisted(() => ({
  PORTAL_PUBLIC_SCHEME: 'https' as 'https' | 'http',
  NEXTAUTH_SECRET: 'unit-test-secret-0123456789abcdef0123',
}));
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('@/lib/env', () => ({ getEnv: () => env }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
  }),
}));

const { SESSION_MAX_AGE_SECONDS, authOptions } = await import('@/lib/auth/auth-options');
const { readSessionCookie, sessionCookieName, sessionCookieOptions, sessionSetCookie } =
  await import('@/lib/auth/session-cookie');

beforeEach(() => {
  jar.clear();
});

describe('session cookie behind https', () => {
  beforeEach(() => {
    env.PORTAL_PUBLIC_SCHEME = 'https';
  });

  it('is a __Host- cookie: host-only, Secure, HttpOnly, Lax, 12 hours', () => {
    expect(SESSION_MAX_AGE_SECONDS).toBe(43_200);
    expect(sessionCookieName()).toBe('__Host-cp_session');
    expect(sessionCookieOptions()).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
    expect(sessionSetCookie('abc')).toBe(
      '__Host-cp_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure',
    );
  });

  it('reads the session cookie of the request by its name', async () => {
    expect(await readSessionCookie()).toBeUndefined();
    jar.set('cp_session', 'plain');
    expect(await readSessionCookie()).toBeUndefined();
    jar.set('__Host-cp_session', 'hosted');
    expect(await readSessionCookie()).toBe('hosted');
  });

  it('gives next-auth the same cookie, a 12-hour JWT session and no sign-in provider', () => {
    expect(authOptions()).toEqual({
      secret: 'unit-test-secret-0123456789abcdef0123',
      session: { strategy: 'jwt', maxAge: 43_200 },
      providers: [],
      cookies: {
        sessionToken: {
          name: '__Host-cp_session',
          options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
        },
      },
      pages: { signIn: '/expired', signOut: '/signed-out', error: '/expired' },
    });
  });
});

describe('session cookie on local http', () => {
  beforeEach(() => {
    env.PORTAL_PUBLIC_SCHEME = 'http';
  });

  it('drops the __Host- prefix and Secure, which browsers refuse without https', () => {
    expect(sessionCookieName()).toBe('cp_session');
    expect(sessionCookieOptions().secure).toBe(false);
    expect(sessionSetCookie('abc')).toBe('cp_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200');
  });

  it('reads cp_session', async () => {
    jar.set('cp_session', 'plain');
    expect(await readSessionCookie()).toBe('plain');
  });
});
