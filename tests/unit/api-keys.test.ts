import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey, createApiKey, revokeApiKey } from '@/lib/api/api-keys';
import type { Database } from '@/lib/db/client';
import { apiKeys } from '@/lib/db/schema';
import type { Tenant } from '@/lib/tenants/tenant';
import { memoryDbWithTenant } from '../support/memory-db';

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;
beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
});
afterAll(async () => close());

describe('API keys', () => {
  it('are shown once, stored only as SHA-256 with a visible prefix', async () => {
    const { apiKey, prefix } = await createApiKey(db, { tenantId: tenant.id });
    expect(apiKey).toMatch(/^cp_test_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.startsWith(prefix)).toBe(true);
    const rows = JSON.stringify(await db.select().from(apiKeys));
    expect(rows).not.toContain(apiKey);
    expect(await authenticateApiKey(db, apiKey)).toMatchObject({ tenantId: tenant.id, mode: 'test' });
  });

  it('revoke by a short prefix, refuse an ambiguous or unknown one, and stop authenticating at once', async () => {
    await createApiKey(db, { tenantId: tenant.id });
    await createApiKey(db, { tenantId: tenant.id });
    const { apiKey } = await createApiKey(db, { tenantId: tenant.id, mode: 'live' });
    expect(apiKey.startsWith('cp_live_')).toBe(true);
    await expect(revokeApiKey(db, { tenantId: tenant.id, prefix: 'cp_test_' })).rejects.toMatchObject({
      code: 'prefix_ambiguous',
    });
    await expect(revokeApiKey(db, { tenantId: tenant.id, prefix: 'cp_live_zzzzzzzz' })).rejects.toMatchObject(
      { code: 'resource_missing' },
    );
    expect(await revokeApiKey(db, { tenantId: tenant.id, prefix: apiKey.slice(0, 12) })).toEqual({
      revoked: 1,
    });
    expect(await authenticateApiKey(db, apiKey)).toBeUndefined();
  });

  it('refuses malformed keys without a lookup', async () => {
    expect(await authenticateApiKey(db, 'cp_test_short')).toBeUndefined();
    expect(await authenticateApiKey(db, "cp_test_' or 1=1 --")).toBeUndefined();
  });
});
