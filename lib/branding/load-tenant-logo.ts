import { getDb } from '@/lib/db/client';
import { type TenantLogo, findTenantLogo } from '@/lib/tenants/find-tenant-logo';
import type { Tenant } from '@/lib/tenants/tenant';

/** The uploaded logo of the tenant this host belongs to, with the process database. */
export async function loadTenantLogo(tenant: Tenant): Promise<TenantLogo | null> {
  if (!tenant.logoFileSha256) return null;
  return findTenantLogo(await getDb(), { tenantId: tenant.id });
}
