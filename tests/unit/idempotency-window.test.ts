import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  releaseIdempotencyKey,
} from '@/lib/api/idempotency';
import type { Database } from '@/lib/db/client';
import { idempotencyKeys } from '@/lib/db/schema';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { memoryDbWithTenant } from '../support/memory-db';

vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;
let globex: Tenant;

beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
  globex = await createTenant(db, { slug: 'globex', name: 'Globex', source: 'sandbox', returnOrigins: [] });
});
afterAll(async () => close());

const HOUR = 3_600_000;
const request = (key: string, body = '{"reference_id":"u"}') => ({
  tenantId: tenant.id,
  key,
  method: 'POST',
  path: '/api/v1/portal_links',
  body,
});

/** Begins and completes a request, then moves its key's creation back by `ageMs`. */
async function storedKey(key: string, ageMs: number) {
  expect(await beginIdempotentRequest(db, request(key))).toEqual({ kind: 'new' });
  await completeIdempotentRequest(db, {
    tenantId: tenant.id,
    key,
    response: { status: 201, body: '{"url":"https://acme.test/l/secret"}' },
  });
  await db
    .update(idempotencyKeys)
    .set({ createdAt: new Date(Date.now() - ageMs) })
    .where(and(eq(idempotencyKeys.tenantId, tenant.id), eq(idempotencyKeys.key, key)));
}

describe('Idempotency-Key window (24 h)', () => {
  it('replays the stored response to the same request within 24 hours', async () => {
    await storedKey('key-23h', 24 * HOUR - 60_000);
    expect(await beginIdempotentRequest(db, request('key-23h'))).toEqual({
      kind: 'replay',
      response: { status: 201, body: '{"url":"https://acme.test/l/secret"}' },
    });
  });

  it('treats a key older than 24 hours as new', async () => {
    await storedKey('key-25h', 24 * HOUR + 60_000);
    expect(await beginIdempotentRequest(db, request('key-25h'))).toEqual({ kind: 'new' });
    // The fresh claim holds from now on.
    await expect(beginIdempotentRequest(db, request('key-25h', '{"other":1}'))).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
  });

  it('refuses the key with another request body while it is kept', async () => {
    await storedKey('key-reused', HOUR);
    await expect(
      beginIdempotentRequest(db, request('key-reused', '{"reference_id":"v"}')),
    ).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
    await expect(
      beginIdempotentRequest(db, { ...request('key-reused'), path: '/api/v1/other' }),
    ).rejects.toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('says a request is still in progress until it completes', async () => {
    expect(await beginIdempotentRequest(db, request('key-busy'))).toEqual({ kind: 'new' });
    await expect(beginIdempotentRequest(db, request('key-busy'))).rejects.toMatchObject({
      code: 'idempotency_in_progress',
    });
    await releaseIdempotencyKey(db, { tenantId: tenant.id, key: 'key-busy' });
    expect(await beginIdempotentRequest(db, request('key-busy'))).toEqual({ kind: 'new' });
  });

  it("keeps one tenant's keys apart from another's", async () => {
    await storedKey('key-shared', HOUR);
    expect(await beginIdempotentRequest(db, { ...request('key-shared'), tenantId: globex.id })).toEqual({
      kind: 'new',
    });
  });

  it('stores the response encrypted', async () => {
    await storedKey('key-sealed', 0);
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.tenantId, tenant.id), eq(idempotencyKeys.key, 'key-sealed')));
    expect(row?.responseBody).toMatch(/^v1\./);
    expect(row?.responseBody).not.toContain('secret');
  });
});
