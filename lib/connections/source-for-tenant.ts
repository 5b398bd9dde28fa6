import type { DbOrTx } from '@/lib/db/client';
import type { Tenant } from '@/lib/tenants/tenant';
import type { ConnectionSource } from './sources/connection-source';
import { createSandboxSource } from './sources/sandbox';

/** The platform adapter a tenant is configured for. */
export function sourceForTenant(db: DbOrTx, tenant: Tenant): ConnectionSource {
  switch (tenant.source) {
    case 'sandbox':
      return createSandboxSource(db);
    default:
      throw new Error(`Connection source ${tenant.source} is not available yet`);
  }
}
