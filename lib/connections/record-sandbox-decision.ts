import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { connectAttempts } from '@/lib/db/schema';
import { PortalError } from '@/lib/errors';
import { findOpenConnectAttempt } from './connect-attempt';

export type SandboxDecision = 'allow' | 'deny' | 'error';

/** The sandbox "provider" records what the user chose; /devices/return reads it back from here. */
export async function recordSandboxDecision(
  db: DbOrTx,
  input: { tenantId: string; sessionId: string; state: string; decision: SandboxDecision },
): Promise<void> {
  const attempt = await findOpenConnectAttempt(db, { tenantId: input.tenantId, state: input.state });
  if (!attempt || attempt.sessionId !== input.sessionId) {
    throw new PortalError({
      type: 'not_found',
      code: 'connect_attempt_missing',
      message: 'This connection request has expired. Start again from your devices.',
    });
  }
  await db
    .update(connectAttempts)
    .set({ outcome: input.decision })
    .where(
      and(
        eq(connectAttempts.tenantId, input.tenantId),
        eq(connectAttempts.id, attempt.id),
        isNull(connectAttempts.completedAt),
      ),
    );
}
