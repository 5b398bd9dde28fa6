import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { preparedQuery } from '@/lib/db/prepared-query';
import { portalSessions } from '@/lib/db/schema';
import { type PortalSession, toPortalSession } from './portal-session';
import { decodeSessionToken } from './session-token';

/** foreign: a cookie this portal issued for another tenant, which on this host counts as none. */
export type SessionLookup =
  { kind: 'none' } | { kind: 'foreign' } | { kind: 'invalid' } | { kind: 'valid'; session: PortalSession };

const TOUCH_EVERY_MS = 60_000;

const sessionById = preparedQuery((db) =>
  db
    .select()
    .from(portalSessions)
    .where(
      and(
        eq(portalSessions.tenantId, sql.placeholder('tenantId')),
        eq(portalSessions.id, sql.placeholder('sessionId')),
      ),
    )
    .limit(1)
    .prepare('portal_session_by_id'),
);

/**
 * Checks a session cookie against its portal_sessions row: same tenant as the host, not revoked,
 * within the idle and absolute limits. Extends the idle limit at most once a minute.
 */
export async function loadPortalSession(
  db: DbOrTx,
  input: { cookieValue: string | undefined; tenantId: string; idleMinutes: number },
): Promise<SessionLookup> {
  if (!input.cookieValue) return { kind: 'none' };
  const claims = await decodeSessionToken(input.cookieValue);
  if (!claims) return { kind: 'invalid' };
  if (claims.tid !== input.tenantId) return { kind: 'foreign' };
  const [row] = await sessionById(db).execute({ tenantId: input.tenantId, sessionId: claims.sid });
  const now = Date.now();
  if (
    !row ||
    row.revokedAt ||
    row.idleExpiresAt.getTime() <= now ||
    row.absoluteExpiresAt.getTime() <= now ||
    row.referenceId !== claims.ref
  ) {
    return { kind: 'invalid' };
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    const idleExpiresAt = new Date(
      Math.min(now + input.idleMinutes * 60_000, row.absoluteExpiresAt.getTime()),
    );
    await db
      .update(portalSessions)
      .set({ lastSeenAt: new Date(now), idleExpiresAt })
      .where(and(eq(portalSessions.tenantId, input.tenantId), eq(portalSessions.id, row.id)));
  }
  return { kind: 'valid', session: toPortalSession(row) };
}
