import type { SignedIn } from '@/lib/auth/get-portal-session';
import { findOpenConnectAttempt } from '@/lib/connections/connect-attempt';
import { getDb } from '@/lib/db/client';

/** The sandbox consent page's attempt, only when this session started it. */
export async function loadSandboxAttempt({ tenant, session }: SignedIn, input: { state: string }) {
  const attempt = await findOpenConnectAttempt(await getDb(), { tenantId: tenant.id, state: input.state });
  return attempt && attempt.sessionId === session.id
    ? { provider: attempt.provider, isReconnect: attempt.connectionId !== null }
    : null;
}
