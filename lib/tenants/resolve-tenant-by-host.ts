import { and, eq, isNotNull } from 'drizzle-orm';
import { onTenantChange } from '@/lib/cache/tenant-change-signal';
import { TtlCache } from '@/lib/cache/ttl-cache';
import type { DbOrTx } from '@/lib/db/client';
import { tenantDomains, tenants } from '@/lib/db/schema';
import { parseHost } from './parse-host';
import type { Tenant } from './tenant';

const cache = new TtlCache<Tenant | null>({ ttlMs: 30_000, maxEntries: 10_000 });

// Dropped whenever a tenant or domain changes, in this process or another (announceTenantChange).
onTenantChange(() => cache.clear());

async function lookup(db: DbOrTx, host: string, rootDomain: string): Promise<Tenant | null> {
  const parsed = parseHost(host, rootDomain);
  if (parsed.kind === 'subdomain') {
    const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, parsed.slug)).limit(1);
    return tenant ?? null;
  }
  if (parsed.kind === 'custom') {
    const [row] = await db
      .select({ tenant: tenants })
      .from(tenantDomains)
      .innerJoin(tenants, eq(tenants.id, tenantDomains.tenantId))
      .where(and(eq(tenantDomains.domain, parsed.domain), isNotNull(tenantDomains.verifiedAt)))
      .limit(1);
    return row?.tenant ?? null;
  }
  return null;
}

/** The tenant a host belongs to (slug subdomain or verified custom domain), cached briefly in-process. */
export async function resolveTenantByHost(
  db: DbOrTx,
  input: { host: string; rootDomain: string },
): Promise<Tenant | null> {
  const key = input.host.toLowerCase();
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const tenant = await lookup(db, key, input.rootDomain);
  cache.set(key, tenant);
  return tenant;
}
