import { currentPortalOrigin } from './current-portal-origin';
import type { SignedIn } from '@/lib/auth/get-portal-session';
import { type SandboxDecision, recordSandboxDecision } from '@/lib/connections/record-sandbox-decision';
import { getDb } from '@/lib/db/client';

/** Allow, deny or fail on the sandbox consent page; returns the return URL to follow. */
export async function decideSandboxConsent(
  { tenant, session }: SignedIn,
  input: { state: string; decision: SandboxDecision },
) {
  await recordSandboxDecision(await getDb(), {
    tenantId: tenant.id,
    sessionId: session.id,
    state: input.state,
    decision: input.decision,
  });
  return {
    returnUrl: `${await currentPortalOrigin(tenant)}/devices/return?state=${encodeURIComponent(input.state)}`,
  };
}
