import type { DbOrTx } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import { randomId } from '@/lib/security/random-id';

export type AuditActor = {
  type: 'end_user' | 'api' | 'operator' | 'platform' | 'system';
  id?: string | null;
};
export type RequestOrigin = { ip?: string | null; userAgent?: string | null };

/** Who did what, when, from where. Never pass secrets or tokens in `data`. */
export async function recordAuditEvent(
  db: DbOrTx,
  input: {
    tenantId: string;
    actor: AuditActor;
    action: string;
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
    subjectId: input.subjectId ?? null,
    data: input.data ?? {},
    ip: input.origin?.ip?.slice(0, 64) ?? null,
    userAgent: input.origin?.userAgent?.slice(0, 256) ?? null,
  });
}
