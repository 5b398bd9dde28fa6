import { cookies } from 'next/headers';
import { getDb } from '@/lib/db/client';
import { rememberLocale } from '@/lib/i18n/remembered-locale';
import { revokePortalSession } from './revoke-portal-session';
import type { PortalSession } from './portal-session';
import { sessionCookieName } from './session-cookie';

/**
 * Revokes the session row (a copied cookie stops working at once) and clears the cookie; the link's
 * language is kept for the signed-out page.
 */
export async function signOutPortalSession(session: PortalSession): Promise<void> {
  await revokePortalSession(await getDb(), { tenantId: session.tenantId, sessionId: session.id });
  (await cookies()).delete(sessionCookieName());
  await rememberLocale(session.locale);
}
