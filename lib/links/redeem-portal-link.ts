import { and, eq, gt, isNull } from 'drizzle-orm';
import { type RequestOrigin, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { PortalSessionRow } from '@/lib/auth/portal-session';
import { revokePortalSession } from '@/lib/auth/revoke-portal-session';
import type { Database } from '@/lib/db/client';
import { portalLinks, portalSessions } from '@/lib/db/schema';
import { sha256Hex } from '@/lib/security/hash';
import { randomId } from '@/lib/security/random-id';
import type { Tenant } from '@/lib/tenants/tenant';
import { emitEvent } from '@/lib/webhooks/emit-event';
import type { PortalLinkRow } from './portal-link-row';

export type Redemption = { link: PortalLinkRow; session: PortalSessionRow };

/**
 * Redeems a link exactly once: the conditional UPDATE lets one concurrent caller win; the session row,
 * the portal_link.redeemed event and the audit entry commit with it or not at all.
 * Returns null when the link is unknown, used or expired (the caller explains which).
 */
export async function redeemPortalLink(
  db: Database,
  input: { tenant: Tenant; token: string; replacesSessionId?: string; origin: RequestOrigin },
): Promise<Redemption | null> {
  const { tenant } = input;
  const sessionId = randomId('ps');
  return db.transaction(async (tx) => {
    const now = new Date();
    const [link] = await tx
      .update(portalLinks)
      .set({ redeemedAt: now, redeemedSessionId: sessionId })
      .where(
        and(
          eq(portalLinks.tenantId, tenant.id),
          eq(portalLinks.tokenHash, sha256Hex(input.token)),
          isNull(portalLinks.redeemedAt),
          gt(portalLinks.expiresAt, now),
        ),
      )
      .returning();
    if (!link) return null;
    const absoluteExpiresAt = new Date(now.getTime() + tenant.sessionAbsoluteHours * 3_600_000);
    const idleExpiresAt = new Date(
      Math.min(now.getTime() + tenant.sessionIdleMinutes * 60_000, absoluteExpiresAt.getTime()),
    );
    const [session] = await tx
      .insert(portalSessions)
      .values({
        id: sessionId,
        tenantId: tenant.id,
        referenceId: link.referenceId,
        linkId: link.id,
        locale: link.locale,
        returnUrl: link.returnUrl,
        userLabel: link.userLabel,
        lastSeenAt: now,
        idleExpiresAt,
        absoluteExpiresAt,
      })
      .returning();
    if (!session) throw new Error('insert returned no row');
    if (input.replacesSessionId)
      await revokePortalSession(tx, { tenantId: tenant.id, sessionId: input.replacesSessionId });
    await emitEvent(tx, {
      tenantId: tenant.id,
      type: 'portal_link.redeemed',
      data: {
        portal_link: {
          id: link.id,
          reference_id: link.referenceId,
          intent: link.intent,
          channel: link.channel,
        },
      },
    });
    await recordAuditEvent(tx, {
      tenantId: tenant.id,
      actor: { type: 'end_user', id: link.referenceId },
      action: 'portal_link.redeemed',
      subjectId: link.id,
      data: { session_id: sessionId },
      origin: input.origin,
    });
    return { link, session };
  });
}
