import { currentPortalOrigin } from './current-portal-origin';
import { actionRequestOrigin } from './request-origin';
import type { SignedIn } from '@/lib/auth/get-portal-session';
import { startConnection } from '@/lib/connections/start-connection';
import { getDb } from '@/lib/db/client';

/** Connect or reconnect: opens a connect attempt and returns where to send the browser. */
export async function startDeviceConnect(
  { tenant, session }: SignedIn,
  input: { provider: string; connectionId?: string },
) {
  return startConnection(await getDb(), {
    tenant,
    session,
    provider: input.provider,
    connectionId: input.connectionId,
    portalOrigin: await currentPortalOrigin(tenant),
    origin: await actionRequestOrigin(),
  });
}
