// lib/portal: what the end user's pages compose from several services (the devices page's data, its
// one-off banner) and the form schemas of their server actions; single operations live in their services.
import { TtlCache } from '@/lib/cache/ttl-cache';
import type { SignedIn } from '@/lib/auth/get-portal-session';
import { type DeviceView, deviceView } from '@/lib/connections/connection-row';
import { listConnectionsForUser } from '@/lib/connections/list-connections-for-user';
import { type ProviderView, listProvidersForTenant } from '@/lib/connections/list-providers-for-tenant';
import { unlessUnreachable } from '@/lib/connections/sources/connection-source';
import { syncPlatformConnections } from '@/lib/connections/sync-platform-connections';
import { getEnv } from '@/lib/env';

/** notice: 'stale' when the platform could not be reached and the list comes from our cache. */
export type DevicesNotice = 'stale' | null;
export type DevicesData = {
  devices: DeviceView[];
  addable: ProviderView[];
  isSandbox: boolean;
  notice: DevicesNotice;
};

// Users whose platform rows were synced lately (PLATFORM_SYNC_TTL_SECONDS).
const recentlySynced = new TtlCache<true>({ ttlMs: Number.MAX_SAFE_INTEGER, maxEntries: 50_000 });

async function refreshFromPlatform(signedIn: SignedIn): Promise<boolean> {
  const { tenant, session } = signedIn;
  const key = `${tenant.id}:${session.referenceId}`;
  if (recentlySynced.get(key)) return true;
  const synced = syncPlatformConnections(signedIn.db, { tenant, referenceId: session.referenceId });
  if ((await unlessUnreachable(synced, 'unreachable')) === 'unreachable') return false;
  recentlySynced.set(key, true, getEnv().PLATFORM_SYNC_TTL_SECONDS * 1000);
  return true;
}

/** Rows that need the user first (SPEC §13), then pending, then the healthy ones; newest first within each. */
const DISPLAY_ORDER: Record<DeviceView['status'], number> = {
  error: 0,
  reauth_required: 0,
  pending: 1,
  active: 2,
  disconnected: 3,
};

function byDisplayOrder(a: DeviceView, b: DeviceView): number {
  return DISPLAY_ORDER[a.status] - DISPLAY_ORDER[b.status];
}

/**
 * Everything /devices shows: the user's connections (refreshed from the platform when the cache is
 * older than 30 s) and the enabled providers not yet connected. When the platform is down, the cached
 * list is shown with a notice instead of an error.
 */
export async function loadDevicesData(signedIn: SignedIn): Promise<DevicesData> {
  const { db, tenant, session } = signedIn;
  const [fresh, providers] = await Promise.all([
    refreshFromPlatform(signedIn),
    unlessUnreachable(listProvidersForTenant(db, { tenant }), null),
  ]);
  const rows = await listConnectionsForUser(db, { tenantId: tenant.id, referenceId: session.referenceId });
  const connected = new Set(rows.map((row) => row.provider));
  return {
    // Array.prototype.sort is stable, so the query's newest-first order holds within each group.
    devices: rows.map(deviceView).sort(byDisplayOrder),
    addable: (providers ?? []).filter((provider) => !connected.has(provider.id)),
    isSandbox: tenant.source === 'sandbox',
    notice: fresh && providers ? null : 'stale',
  };
}
