import type { DbOrTx } from '@/lib/db/client';
import type { Tenant } from '@/lib/tenants/tenant';
import { providerInfo } from './provider-catalogue';
import type { SourceProvider } from './sources/connection-source';
import { sourceForTenant } from './source-for-tenant';

export type ProviderView = { id: string; name: string; color: string; webConnect: boolean };

const CACHE_TTL_MS = 5 * 60_000;
const cache = new Map<string, { offered: SourceProvider[]; expiresAt: number }>();

/** What the platform offers this tenant; a platform's list changes rarely, so it is cached briefly. */
async function offeredProviders(db: DbOrTx, tenant: Tenant): Promise<SourceProvider[]> {
  const key = `${tenant.id}:${tenant.updatedAt.getTime()}`;
  const hit = cache.get(key);
  if (hit && hit.expiresAt > Date.now()) return hit.offered;
  const offered = await sourceForTenant(db, tenant).listProviders(tenant);
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { offered, expiresAt: Date.now() + CACHE_TTL_MS });
  return offered;
}

/** The providers this tenant offers: what its platform supports, narrowed by the tenant's own list. */
export async function listProvidersForTenant(db: DbOrTx, input: { tenant: Tenant }): Promise<ProviderView[]> {
  const offered = await offeredProviders(db, input.tenant);
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
