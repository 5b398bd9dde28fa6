import { TtlCache } from '@/lib/cache/ttl-cache';
import type { DbOrTx } from '@/lib/db/client';
import type { Tenant } from '@/lib/tenants/tenant';
import { isKnownProvider, providerInfo } from './provider-catalogue';
import type { SourceProvider } from './sources/connection-source';
import { sourceForTenant } from './source-for-tenant';

export type ProviderView = { id: string; name: string; color: string; webConnect: boolean };

const cache = new TtlCache<SourceProvider[]>({ ttlMs: 5 * 60_000, maxEntries: 10_000 });

/** What the platform offers this tenant; a platform's list changes rarely, so it is cached briefly. */
async function offeredProviders(db: DbOrTx, tenant: Tenant): Promise<SourceProvider[]> {
  const key = `${tenant.id}:${tenant.updatedAt.getTime()}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const offered = await sourceForTenant(db, tenant).listProviders(tenant);
  cache.set(key, offered);
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
        // One catalogue of display names whatever the source ("Whoop", not Terra's "WHOOP").
        name: isKnownProvider(provider.id) ? info.name : provider.name || info.name,
        color: info.color,
        webConnect: provider.webConnect,
      };
    });
}
