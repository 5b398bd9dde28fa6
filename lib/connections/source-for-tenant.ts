import type { DbOrTx } from '@/lib/db/client';
import type { Tenant } from '@/lib/tenants/tenant';
import { instrumentedSource } from './instrumented-source';
import type { ConnectionSource } from './sources/connection-source';
import { createSandboxSource } from './sources/sandbox';
import { terraSource } from './sources/terra/terra-source';

/** The platform adapter a tenant is configured for, its calls counted for GET /api/metrics. */
export function sourceForTenant(db: DbOrTx, tenant: Tenant): ConnectionSource {
  return instrumentedSource(adapterFor(db, tenant));
}

function adapterFor(db: DbOrTx, tenant: Tenant): ConnectionSource {
  switch (tenant.source) {
    case 'sandbox':
      return createSandboxSource(db);
    case 'terra':
      return terraSource;
  }
}
