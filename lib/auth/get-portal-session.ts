import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { type Database, getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { clientOrigin } from '@/lib/security/client-origin';
import { resolveTenantByHost } from '@/lib/tenants/resolve-tenant-by-host';
import type { Tenant } from '@/lib/tenants/tenant';
import { loadPortalSession } from './load-portal-session';
import type { PortalSession } from './portal-session';
import { readSessionCookie } from './session-cookie';

/** A signed-in end user on the host of the tenant that issued the session, with the database to serve them. */
export type SignedIn = { db: Database; tenant: Tenant; session: PortalSession };
type Lookup = { tenant: Tenant | null; signedIn: SignedIn | null; hadCookie: boolean };

/** The request's Host, lower-cased: what proxy.ts routed by, for pages, actions and route handlers alike. */
export async function requestHost(): Promise<string> {
  return ((await headers()).get('host') ?? '').toLowerCase();
}

/**
 * The only reader of the end-user session (SPEC §4): the tenant is the one this host belongs to, and a
 * cookie counts only when that tenant issued it and its portal_sessions row is live. A cookie that does
 * not pass is audited as rejected. A database failure throws (the error page), never "signed out".
 */
export const lookupPortalSession = cache(async (host: string): Promise<Lookup> => {
  const db = await getDb();
  const tenant = await resolveTenantByHost(db, { host, rootDomain: getEnv().PORTAL_ROOT_DOMAIN });
  const cookieValue = await readSessionCookie();
  if (!tenant) return { tenant, signedIn: null, hadCookie: false };
  const result = await loadPortalSession(db, {
    cookieValue,
    tenantId: tenant.id,
    idleMinutes: tenant.sessionIdleMinutes,
  });
  if (result.kind === 'invalid' || result.kind === 'foreign') {
    await recordAuditEvent(db, {
      tenantId: tenant.id,
      actor: { type: 'end_user' },
      action: 'portal_session.rejected',
      outcome: 'refused',
      data: { reason: result.kind === 'foreign' ? 'other_tenant' : 'expired_or_revoked' },
      origin: clientOrigin(await headers()),
    });
  }
  return {
    tenant,
    signedIn: result.kind === 'valid' ? { db, tenant, session: result.session } : null,
    // A cookie of another tenant says nothing about a session here: the page reads as signed out.
    hadCookie: result.kind === 'invalid' || result.kind === 'valid',
  };
});

function hostOfSegment(hostSegment: string): string {
  try {
    return decodeURIComponent(hostSegment).toLowerCase();
  } catch {
    return '';
  }
}

/** The signed-in end user on this tenant host (the page's `[host]` segment), or null. */
export async function getPortalSession(hostSegment: string): Promise<SignedIn | null> {
  return (await lookupPortalSession(hostOfSegment(hostSegment))).signedIn;
}

/** The signed-in end user, or a redirect to the page that explains why not. */
export async function requirePortalSession(hostSegment: string): Promise<SignedIn> {
  const { signedIn, hadCookie } = await lookupPortalSession(hostOfSegment(hostSegment));
  if (!signedIn) redirect(hadCookie ? '/expired?reason=session' : '/expired?reason=signed_out');
  return signedIn;
}
