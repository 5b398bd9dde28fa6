import { decode, encode } from 'next-auth/jwt';
import { z } from 'zod';
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

/** null for anything that is not a session cookie we issued (tampered, expired, other secret). */
export async function decodeSessionToken(token: string): Promise<SessionClaims | null> {
  try {
    const decoded = await decode({ token, secret: getEnv().NEXTAUTH_SECRET });
    const parsed = claimsSchema.safeParse(decoded);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
