import { actionRequestOrigin } from './request-origin';
import type { SignedIn } from '@/lib/auth/get-portal-session';
import { completeConnection } from '@/lib/connections/complete-connection';
import { getDb } from '@/lib/db/client';

/** The platform sent the browser back: settles the attempt bound to this session. */
export async function finishDeviceConnect(
  { tenant, session }: SignedIn,
  input: { state: string; query: URLSearchParams },
) {
  return completeConnection(await getDb(), {
    tenant,
    session,
    state: input.state,
    query: input.query,
    origin: await actionRequestOrigin(),
  });
}
