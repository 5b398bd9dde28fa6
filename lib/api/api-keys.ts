import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { apiKeys } from '@/lib/db/schema';
import { PortalError } from '@/lib/errors';
import { sha256Hex } from '@/lib/security/hash';
import { randomId, randomToken } from '@/lib/security/random-id';

const KEY_PATTERN = /^cp_(test|live)_[A-Za-z0-9_-]{43}$/;

/** Creates a key; the plaintext is returned once and only its SHA-256 is kept. */
export async function createApiKey(
  db: DbOrTx,
  input: { tenantId: string; mode?: 'test' | 'live' },
): Promise<{ apiKey: string; prefix: string }> {
  const mode = input.mode ?? 'test';
  const apiKey = `cp_${mode}_${randomToken()}`;
  const prefix = apiKey.slice(0, `cp_${mode}_`.length + 8);
  await db
    .insert(apiKeys)
    .values({ id: randomId('key'), tenantId: input.tenantId, prefix, keyHash: sha256Hex(apiKey), mode });
  return { apiKey, prefix };
}

/** Revokes the one active key whose visible prefix starts with `prefix` (e.g. cp_test_abcd); an ambiguous prefix is refused. */
export async function revokeApiKey(
  db: DbOrTx,
  input: { tenantId: string; prefix: string },
): Promise<{ revoked: number }> {
  const candidates = await db
    .select({ id: apiKeys.id, prefix: apiKeys.prefix })
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, input.tenantId), isNull(apiKeys.revokedAt)));
  const matching = candidates.filter((key) => key.prefix.startsWith(input.prefix));
  if (matching.length === 0) {
    throw new PortalError({
      type: 'not_found',
      code: 'resource_missing',
      message: `No active API key starts with ${input.prefix}.`,
      param: 'prefix',
    });
  }
  if (matching.length > 1) {
    throw new PortalError({
      type: 'conflict',
      code: 'prefix_ambiguous',
      message: `${matching.length} active keys start with ${input.prefix}; give more characters.`,
      param: 'prefix',
    });
  }
  const [key] = matching;
  await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.tenantId, input.tenantId), eq(apiKeys.id, key?.id ?? '')));
  return { revoked: 1 };
}

export type AuthenticatedKey = { keyId: string; tenantId: string; mode: 'test' | 'live' };

/** Looks a bearer key up by hash; records its last use at most once a minute. */
export async function authenticateApiKey(
  db: DbOrTx,
  presented: string,
): Promise<AuthenticatedKey | undefined> {
  if (!KEY_PATTERN.test(presented)) return undefined;
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, sha256Hex(presented)))
    .limit(1);
  if (!row || row.revokedAt) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(apiKeys.tenantId, row.tenantId), eq(apiKeys.id, row.id)));
  }
  return { keyId: row.id, tenantId: row.tenantId, mode: row.mode };
}
