import type { DbOrTx } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import type { RequestOrigin } from '@/lib/security/client-origin';
import { randomId } from '@/lib/security/random-id';

export type { RequestOrigin };

export type AuditActor = {
  type: 'end_user' | 'api' | 'operator' | 'platform' | 'system';
  id?: string | null;
};

/** `refused`: something was attempted and turned down (a foreign cookie, a cross-site post, …). */
export type AuditOutcome = 'ok' | 'refused';

/** Who did what, when, from where, and whether it happened. Never pass secrets or tokens in `data`. */
export async function recordAuditEvent(
  db: DbOrTx,
  input: {
    tenantId: string;
    actor: AuditActor;
    action: string;
    outcome?: AuditOutcome;
    subjectId?: string;
    data?: Record<string, unknown>;
    origin?: RequestOrigin;
  },
): Promise<void> {
  await db.insert(auditEvents).values({
    id: randomId('aud'),
    tenantId: input.tenantId,
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    action: input.action,
    outcome: input.outcome ?? 'ok',
    subjectId: input.subjectId ?? null,
    data: input.data ?? {},
    ip: input.origin?.ip?.slice(0, 64) ?? null,
    userAgent: input.origin?.userAgent?.slice(0, 256) ?? null,
    requestId: input.origin?.requestId?.slice(0, 64) ?? null,
  });
}
