import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { resolveTenantByHost } from './resolve-tenant-by-host';

/**
 * Whether a bare domain (no port: what a TLS client names) serves a tenant: an existing tenant's
 * subdomain or a verified custom domain. The apex is in the load balancer's own configuration.
 * When the root domain carries a port (development), the domain is read as if on that port.
 */
export async function isServedHost(domain: string): Promise<boolean> {
  const rootDomain = getEnv().PORTAL_ROOT_DOMAIN;
  const port = /:\d+$/.exec(rootDomain)?.[0] ?? '';
  const tenant = await resolveTenantByHost(await getDb(), { host: `${domain}${port}`, rootDomain });
  return tenant !== null;
}
