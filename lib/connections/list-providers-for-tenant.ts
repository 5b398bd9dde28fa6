import type { DbOrTx } from '@/lib/db/client';
import type { Tenant } from '@/lib/tenants/tenant';
import { providerInfo } from './provider-catalogue';
import { sourceForTenant } from './source-for-tenant';

export type ProviderView = { id: string; name: string; color: string; webConnect: boolean };

/** The providers this tenant offers: what its platform supports, narrowed by the tenant's own list. */
export async function listProvidersForTenant(db: DbOrTx, input: { tenant: Tenant }): Promise<ProviderView[]> {
  const offered = await sourceForTenant(db, input.tenant).listProviders(input.tenant);
  const enabled = input.tenant.enabledProviders;
  return offered
    .filter((provider) => !enabled || enabled.includes(provider.id))
    .map((provider) => {
      const info = providerInfo(provider.id);
      return {
        id: provider.id,
        name: provider.name || info.name,
        color: info.color,
        webConnect: provider.webConnect,
      };
    });
}
