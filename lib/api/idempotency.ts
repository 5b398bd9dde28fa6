import { and, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { idempotencyKeys } from '@/lib/db/schema';
import { PortalError } from '@/lib/errors';
import { sha256Hex } from '@/lib/security/hash';
import { decryptSecret, encryptSecret, type SecretBinding } from '@/lib/security/secret-box';

/** How long an Idempotency-Key is remembered; the retention sweep deletes older ones. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

// Stored responses can hold secrets (a portal link's URL carries its token), so they are kept encrypted.
function responseBinding(tenantId: string, key: string): SecretBinding {
  return { table: 'idempotency_keys', column: 'response_body', tenantId, rowId: key };
}

export type StoredResponse = { status: number; body: string };
export type IdempotencyStart = { kind: 'new' } | { kind: 'replay'; response: StoredResponse };

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** Claims an Idempotency-Key for this request, or returns the response already stored for it. */
export async function beginIdempotentRequest(
  db: DbOrTx,
  input: { tenantId: string; key: string; method: string; path: string; body: string },
): Promise<IdempotencyStart> {
  const requestHash = sha256Hex(`${input.method} ${input.path}\n${input.body}`);
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.tenantId, input.tenantId),
        eq(idempotencyKeys.key, input.key),
        lt(idempotencyKeys.createdAt, new Date(Date.now() - IDEMPOTENCY_RETENTION_MS)),
      ),
    );
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ tenantId: input.tenantId, key: input.key, method: input.method, path: input.path, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { kind: 'new' };
  const [existing] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tenantId, input.tenantId), eq(idempotencyKeys.key, input.key)))
    .limit(1);
  if (!existing || existing.requestHash !== requestHash) {
    throw new PortalError({
      type: 'conflict',
      code: 'idempotency_key_reused',
      message: 'This Idempotency-Key was used with a different request. Use a new key for a new request.',
      param: 'Idempotency-Key',
    });
  }
  if (existing.responseStatus === null || existing.responseBody === null) {
    throw new PortalError({
      type: 'conflict',
      code: 'idempotency_in_progress',
      message: 'A request with this Idempotency-Key is still in progress.',
      param: 'Idempotency-Key',
    });
  }
  const body = decryptSecret(existing.responseBody, responseBinding(input.tenantId, input.key));
  return { kind: 'replay', response: { status: existing.responseStatus, body } };
}

export async function completeIdempotentRequest(
  db: DbOrTx,
  input: { tenantId: string; key: string; response: StoredResponse },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({
      responseStatus: input.response.status,
      responseBody: encryptSecret(input.response.body, responseBinding(input.tenantId, input.key)),
    })
    .where(and(eq(idempotencyKeys.tenantId, input.tenantId), eq(idempotencyKeys.key, input.key)));
}

/** A request that failed with a server error may be retried with the same key. */
export async function releaseIdempotencyKey(
  db: DbOrTx,
  input: { tenantId: string; key: string },
): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tenantId, input.tenantId), eq(idempotencyKeys.key, input.key)));
}
