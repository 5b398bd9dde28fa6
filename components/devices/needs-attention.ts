import type { DeviceView } from '@/lib/connections/connection-row';

/** A connection that stopped sharing data and waits for the user to reconnect it (SPEC §13). */
export function needsAttention(device: Pick<DeviceView, 'status'>): boolean {
  return device.status === 'reauth_required' || device.status === 'error';
}
