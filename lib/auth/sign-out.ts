import { cookies } from 'next/headers';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { rememberLocale } from '@/lib/i18n/remembered-locale';
import type { PortalContext } from './portal-action';
import { revokePortalSession } from './revoke-portal-session';
import { sessionCookieName } from './session-cookie';

/**
 * Revokes the session row (a copied cookie stops working at once), audits the sign-out and clears the
 * cookie; the link's language is kept for the signed-out page.
 */
export async function signOutPortalSession({ db, session, requestOrigin }: PortalContext): Promise<void> {
  await db.transaction(async (tx) => {
    await revokePortalSession(tx, { tenantId: session.tenantId, sessionId: session.id });
    await recordAuditEvent(tx, {
      tenantId: session.tenantId,
      actor: { type: 'end_user', id: session.referenceId },
      action: 'portal_session.signed_out',
      subjectId: session.id,
      origin: requestOrigin,
    });
  });
  (await cookies()).delete(sessionCookieName());
  await rememberLocale(session.locale);
}
