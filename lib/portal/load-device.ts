import type { SignedIn } from '@/lib/auth/get-portal-session';
import { deviceView } from '@/lib/connections/connection-row';
import { requireConnection } from '@/lib/connections/find-connection';
import { getDb } from '@/lib/db/client';

/** One of the signed-in user's devices, or a not-found error. */
export async function loadDevice({ tenant, session }: SignedIn, input: { connectionId: string }) {
  const row = await requireConnection(await getDb(), {
    tenantId: tenant.id,
    connectionId: input.connectionId,
    referenceId: session.referenceId,
  });
  return deviceView(row);
}
