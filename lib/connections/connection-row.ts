import type { z } from 'zod';
import type { connectionObjectSchema } from '@/lib/api/schemas/connections';
import type { connections } from '@/lib/db/schema';
import { providerInfo } from './provider-catalogue';

export type ConnectionRow = typeof connections.$inferSelect;

/** The connection object of the developer API (SPEC §7). */
export function connectionObject(row: ConnectionRow): z.output<typeof connectionObjectSchema> {
  return {
    id: row.id,
    object: 'connection',
    reference_id: row.referenceId,
    provider: row.provider,
    status: row.status,
    connected_at: row.connectedAt?.toISOString() ?? null,
    last_data_at: row.lastDataAt?.toISOString() ?? null,
    disconnected_at: row.disconnectedAt?.toISOString() ?? null,
    source: row.source,
  };
}

/** What the devices page needs about one connection: plain, serialisable, no internal ids of the platform. */
export type DeviceView = {
  id: string;
  provider: string;
  providerName: string;
  providerColor: string;
  status: ConnectionRow['status'];
  connectedAt: string | null;
  lastDataAt: string | null;
  statusChangedAt: string;
  scopes: string[];
};

export function deviceView(row: ConnectionRow): DeviceView {
  const info = providerInfo(row.provider);
  return {
    id: row.id,
    provider: row.provider,
    providerName: info.name,
    providerColor: info.color,
    status: row.status,
    connectedAt: row.connectedAt?.toISOString() ?? null,
    lastDataAt: row.lastDataAt?.toISOString() ?? null,
    statusChangedAt: row.statusChangedAt.toISOString(),
    scopes: row.scopes,
  };
}
