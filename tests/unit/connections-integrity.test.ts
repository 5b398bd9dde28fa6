import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { connections } from '@/lib/db/schema';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { memoryDbWithTenant } from '../support/memory-db';

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;
beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
});
afterAll(async () => close());

let counter = 0;
function terraRow(tenantId: string, externalUserId: string, status: 'active' | 'disconnected' = 'active') {
  counter += 1;
  return {
    id: `conn_integrity_${counter}`,
    tenantId,
    referenceId: 'user-1',
    provider: 'OURA',
    source: 'terra' as const,
    status,
    externalUserId,
  };
}

async function insertError(row: ReturnType<typeof terraRow>): Promise<unknown> {
  return db
    .insert(connections)
    .values(row)
    .then(
      () => null,
      (error: unknown) => error,
    );
}

describe('one live connection per platform user', () => {
  it('refuses a second live row for the same Terra user in one tenant', async () => {
    expect(await insertError(terraRow(tenant.id, 'terra-user-a'))).toBeNull();
    const error = await insertError(terraRow(tenant.id, 'terra-user-a'));
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('keeps disconnected history beside the live row', async () => {
    expect(await insertError(terraRow(tenant.id, 'terra-user-b', 'disconnected'))).toBeNull();
    expect(await insertError(terraRow(tenant.id, 'terra-user-b', 'disconnected'))).toBeNull();
    expect(await insertError(terraRow(tenant.id, 'terra-user-b'))).toBeNull();
  });

  it('lets another tenant hold the same platform user id', async () => {
    const other = await createTenant(db, {
      slug: 'globex',
      name: 'Globex',
      source: 'sandbox',
      returnOrigins: [],
    });
    expect(await insertError(terraRow(tenant.id, 'terra-user-c'))).toBeNull();
    expect(await insertError(terraRow(other.id, 'terra-user-c'))).toBeNull();
  });
});
