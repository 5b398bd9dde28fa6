import type { portalSessions } from '@/lib/db/schema';

export type PortalSessionRow = typeof portalSessions.$inferSelect;

/** A signed-in end user: one tenant, one reference id. */
export type PortalSession = {
  id: string;
  tenantId: string;
  referenceId: string;
  linkId: string;
  locale: string | null;
  returnUrl: string | null;
  userLabel: string | null;
};

export function toPortalSession(row: PortalSessionRow): PortalSession {
  return {
    id: row.id,
    tenantId: row.tenantId,
    referenceId: row.referenceId,
    linkId: row.linkId,
    locale: row.locale,
    returnUrl: row.returnUrl,
    userLabel: row.userLabel,
  };
}
