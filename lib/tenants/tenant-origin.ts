import { getEnv } from '@/lib/env';
import type { Tenant } from './tenant';

/**
 * The public origin of a tenant's portal, from configuration only (never from request headers):
 * its first verified custom domain, else its subdomain of PORTAL_ROOT_DOMAIN.
 */
export function tenantOrigin(tenant: Pick<Tenant, 'slug'>, verifiedDomain?: string | null): string {
  const env = getEnv();
  const host = verifiedDomain ?? `${tenant.slug}.${env.PORTAL_ROOT_DOMAIN}`;
  return `${env.PORTAL_PUBLIC_SCHEME}://${host}`;
}
