import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { resolveTenantByHost } from './resolve-tenant-by-host';
import type { Tenant } from './tenant';

function decodeHostSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/** The tenant behind the `[host]` segment that proxy.ts wrote; resolved once per request. */
export const getTenantForHostSegment = cache(async (hostSegment: string): Promise<Tenant | null> => {
  const host = decodeHostSegment(hostSegment);
  if (!host) return null;
  return resolveTenantByHost(await getDb(), { host, rootDomain: getEnv().PORTAL_ROOT_DOMAIN });
});
