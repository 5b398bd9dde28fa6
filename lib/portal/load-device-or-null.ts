import type { SignedIn } from '@/lib/auth/get-portal-session';
import type { DeviceView } from '@/lib/connections/connection-row';
import { PortalError } from '@/lib/errors';
import { connectionId as connectionIdSchema } from '@/lib/api/schemas/common';
import { loadDevice } from './load-device';

/** One of the signed-in user's devices, or null for a malformed id or anyone else's connection. */
export async function loadDeviceOrNull(signedIn: SignedIn, connectionId: string): Promise<DeviceView | null> {
  if (!connectionIdSchema.safeParse(connectionId).success) return null;
  try {
    return await loadDevice(signedIn, { connectionId });
  } catch (error) {
    if (error instanceof PortalError && error.type === 'not_found') return null;
    throw error;
  }
}
