import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { portalSessions } from '@/lib/db/schema';

/** Ends a session at once: the cookie that names it stops working on the next request. */
export async function revokePortalSession(
  db: DbOrTx,
  input: { tenantId: string; sessionId: string },
): Promise<void> {
  await db
    .update(portalSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(portalSessions.tenantId, input.tenantId),
        eq(portalSessions.id, input.sessionId),
        isNull(portalSessions.revokedAt),
      ),
    );
}
