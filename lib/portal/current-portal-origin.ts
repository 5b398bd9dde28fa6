import { headers } from 'next/headers';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { PortalError } from '@/lib/errors';
import { resolveTenantByHost } from '@/lib/tenants/resolve-tenant-by-host';
import type { Tenant } from '@/lib/tenants/tenant';

/**
 * The origin the user is on (subdomain or verified custom domain), so a connect flow comes back to
 * the host whose cookie holds the session. The host must resolve, through configuration, to the
 * session's tenant; a header naming anything else is refused.
 */
export async function currentPortalOrigin(tenant: Tenant): Promise<string> {
  const host = (await headers()).get('host') ?? '';
  const env = getEnv();
  const resolved = await resolveTenantByHost(await getDb(), { host, rootDomain: env.PORTAL_ROOT_DOMAIN });
  if (!resolved || resolved.id !== tenant.id) {
    throw new PortalError({
      type: 'permission_error',
      code: 'host_mismatch',
      message: 'This page does not belong to your session.',
    });
  }
  return `${env.PORTAL_PUBLIC_SCHEME}://${host.toLowerCase()}`;
}
