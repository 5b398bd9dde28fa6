import { actionRequestOrigin } from './request-origin';
import type { SignedIn } from '@/lib/auth/get-portal-session';
import { deviceView } from '@/lib/connections/connection-row';
import { disconnectConnection } from '@/lib/connections/disconnect-connection';
import { getDb } from '@/lib/db/client';

/** The end user disconnects one of their devices (at the platform first). */
export async function disconnectDevice({ tenant, session }: SignedIn, input: { connectionId: string }) {
  const row = await disconnectConnection(await getDb(), {
    tenant,
    connectionId: input.connectionId,
    referenceId: session.referenceId,
    initiatedBy: 'end_user',
    actor: { type: 'end_user', id: session.referenceId },
    origin: await actionRequestOrigin(),
  });
  return deviceView(row);
}
