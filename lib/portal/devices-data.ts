import type { SignedIn } from '@/lib/auth/get-portal-session';
import { type DeviceView, deviceView } from '@/lib/connections/connection-row';
import { listConnectionsForUser } from '@/lib/connections/list-connections-for-user';
import { type ProviderView, listProvidersForTenant } from '@/lib/connections/list-providers-for-tenant';
import { getDb } from '@/lib/db/client';

export type DevicesData = {
  devices: DeviceView[];
  addable: ProviderView[];
  isSandbox: boolean;
  notice: string | null;
};

/** Everything /devices shows: the user's connections and the enabled providers they have not connected. */
export async function loadDevicesData({ tenant, session }: SignedIn): Promise<DevicesData> {
  const db = await getDb();
  const [rows, providers] = await Promise.all([
    listConnectionsForUser(db, { tenantId: tenant.id, referenceId: session.referenceId }),
    listProvidersForTenant(db, { tenant }),
  ]);
  const connected = new Set(rows.map((row) => row.provider));
  return {
    devices: rows.map(deviceView),
    addable: providers.filter((provider) => !connected.has(provider.id)),
    isSandbox: tenant.source === 'sandbox',
    notice: null,
  };
}
