import { decode, encode } from 'next-auth/jwt';
import { z } from 'zod';
import { TtlCache } from '@/lib/cache/ttl-cache';
import { getEnv } from '@/lib/env';
import { SESSION_MAX_AGE_SECONDS } from './auth-options';

/** What the session cookie carries. The portal_sessions row it names is the source of truth. */
const claimsSchema = z.object({
  sid: z.string().startsWith('ps_'),
  tid: z.string().startsWith('ten_'),
  ref: z.string().min(1).max(128),
});

export type SessionClaims = z.infer<typeof claimsSchema>;

export async function encodeSessionToken(claims: SessionClaims): Promise<string> {
  return encode({ token: claims, secret: getEnv().NEXTAUTH_SECRET, maxAge: SESSION_MAX_AGE_SECONDS });
}

/*
 * Cookies this process decoded lately. Decoding derives the key (HKDF) and decrypts the JWE on every
 * request, which showed as ~3% of server CPU on /devices in `npm run bench -- --cpu-prof`. Only
 * cookies that decoded successfully are kept, keyed by the whole cookie, until their own expiry or a
 * minute, whichever is sooner. Revocation is unaffected: the portal_sessions row is still read every time.
 */
const decodedCookies = new TtlCache<SessionClaims>({ ttlMs: 60_000, maxEntries: 10_000 });

/** null for anything that is not a session cookie we issued (tampered, expired, other secret). */
export async function decodeSessionToken(token: string): Promise<SessionClaims | null> {
  const hit = decodedCookies.get(token);
  if (hit) return hit;
  try {
    const decoded = await decode({ token, secret: getEnv().NEXTAUTH_SECRET });
    const parsed = claimsSchema.safeParse(decoded);
    if (!parsed.success) return null;
    const expiresAt = typeof decoded?.exp === 'number' ? decoded.exp * 1000 : 0;
    decodedCookies.set(token, parsed.data, expiresAt - Date.now());
    return parsed.data;
  } catch {
    return null;
  }
}
