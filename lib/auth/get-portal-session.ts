import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { readSessionCookie } from './current-session-cookie';
import { loadPortalSession } from './load-portal-session';
import type { PortalSession } from './portal-session';

export type SignedIn = { tenant: Tenant; session: PortalSession };
type Lookup = { tenant: Tenant | null; signedIn: SignedIn | null; hadCookie: boolean };

const lookup = cache(async (hostSegment: string): Promise<Lookup> => {
  const tenant = await getTenantForHostSegment(hostSegment);
  const cookieValue = await readSessionCookie();
  if (!tenant) return { tenant, signedIn: null, hadCookie: cookieValue !== undefined };
  const result = await loadPortalSession(await getDb(), {
    cookieValue,
    tenantId: tenant.id,
    idleMinutes: tenant.sessionIdleMinutes,
  });
  return {
    tenant,
    signedIn: result.kind === 'valid' ? { tenant, session: result.session } : null,
    hadCookie: cookieValue !== undefined,
  };
});

/** The signed-in end user on this tenant host, or null. */
export async function getPortalSession(hostSegment: string): Promise<SignedIn | null> {
  return (await lookup(hostSegment)).signedIn;
}

/** The signed-in end user, or a redirect to the page that explains why not. */
export async function requirePortalSession(hostSegment: string): Promise<SignedIn> {
  const { signedIn, hadCookie } = await lookup(hostSegment);
  if (!signedIn) redirect(hadCookie ? '/expired?reason=session' : '/expired?reason=signed_out');
  return signedIn;
}
