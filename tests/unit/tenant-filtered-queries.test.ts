import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireConnection } from '@/lib/connections/find-connection';
import { listConnectionsForUser } from '@/lib/connections/list-connections-for-user';
import type { Database } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { PortalError } from '@/lib/errors';
import { findPortalLinkByToken } from '@/lib/links/find-portal-link';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { memoryDbWithTenant } from '../support/memory-db';
import { insertPortalLink } from '../support/portal-links';

/*
 * Every query here is called directly with another tenant's ids: routes and pages look a tenant up
 * first, so only the query's own WHERE stops a row of one tenant from reaching another.
 */
let db: Database;
let close: () => Promise<void>;
let acme: Tenant;
let globex: Tenant;

type Status = 'pending' | 'active' | 'reauth_required' | 'error' | 'disconnected';
async function connection(
  id: string,
  tenant: Tenant,
  referenceId: string,
  status: Status,
  createdAt: string,
) {
  await db.insert(connections).values({
    id,
    tenantId: tenant.id,
    referenceId,
    provider: 'OURA',
    source: 'sandbox',
    status,
    createdAt: new Date(createdAt),
  });
}

beforeAll(async () => {
  ({ db, close, tenant: acme } = await memoryDbWithTenant());
  globex = await createTenant(db, { slug: 'globex', name: 'Globex', source: 'sandbox', returnOrigins: [] });
  await connection('conn_a1', acme, 'user-1', 'active', '2026-11-01T00:00:00Z');
  await connection('conn_a2', acme, 'user-1', 'error', '2026-11-03T00:00:00Z');
  await connection('conn_a3', acme, 'user-1', 'disconnected', '2026-11-04T00:00:00Z');
  await connection('conn_a4', acme, 'user-1', 'active', '2026-11-03T00:00:00Z');
  await connection('conn_a5', acme, 'user-2', 'active', '2026-11-05T00:00:00Z');
  await connection('conn_g1', globex, 'user-1', 'active', '2026-11-06T00:00:00Z');
  await connection('conn_g2', globex, 'user-1', 'disconnected', '2026-11-06T00:00:00Z');
});
afterAll(async () => close());

async function notFoundOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PortalError);
  return error as PortalError;
}

describe('requireConnection', () => {
  it("finds this tenant's connection, for its user", async () => {
    expect((await requireConnection(db, { tenantId: acme.id, connectionId: 'conn_a1' })).id).toBe('conn_a1');
    const row = await requireConnection(db, {
      tenantId: acme.id,
      connectionId: 'conn_a1',
      referenceId: 'user-1',
    });
    expect(row).toMatchObject({ id: 'conn_a1', tenantId: acme.id, referenceId: 'user-1', status: 'active' });
  });

  it("does not find another tenant's connection by its id", async () => {
    const error = await notFoundOf(requireConnection(db, { tenantId: acme.id, connectionId: 'conn_g1' }));
    expect(error.code).toBe('resource_missing');
    expect(error.message).toBe('No such connection.');
    expect(error.param).toBe('connection_id');
    await notFoundOf(
      requireConnection(db, { tenantId: globex.id, connectionId: 'conn_a1', referenceId: 'user-1' }),
    );
  });

  it("does not find another user's connection in the same tenant", async () => {
    await notFoundOf(
      requireConnection(db, { tenantId: acme.id, connectionId: 'conn_a5', referenceId: 'user-1' }),
    );
    await notFoundOf(requireConnection(db, { tenantId: acme.id, connectionId: 'conn_nope' }));
  });
});

describe('listConnectionsForUser', () => {
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

  it("lists the user's live connections in this tenant only, newest first (ties by id, descending)", async () => {
    expect(ids(await listConnectionsForUser(db, { tenantId: acme.id, referenceId: 'user-1' }))).toEqual([
      'conn_a4',
      'conn_a2',
      'conn_a1',
    ]);
    expect(ids(await listConnectionsForUser(db, { tenantId: globex.id, referenceId: 'user-1' }))).toEqual([
      'conn_g1',
    ]);
    expect(await listConnectionsForUser(db, { tenantId: globex.id, referenceId: 'user-2' })).toEqual([]);
  });

  it('includes disconnected ones when asked, still within the tenant', async () => {
    expect(
      ids(
        await listConnectionsForUser(db, {
          tenantId: acme.id,
          referenceId: 'user-1',
          includeDisconnected: true,
        }),
      ),
    ).toEqual(['conn_a3', 'conn_a4', 'conn_a2', 'conn_a1']);
    expect(
      ids(
        await listConnectionsForUser(db, {
          tenantId: globex.id,
          referenceId: 'user-1',
          includeDisconnected: true,
        }),
      ),
    ).toEqual(['conn_g2', 'conn_g1']);
  });

  it('filters by one status, within the tenant and user', async () => {
    expect(
      ids(await listConnectionsForUser(db, { tenantId: acme.id, referenceId: 'user-1', status: 'active' })),
    ).toEqual(['conn_a4', 'conn_a1']);
    expect(
      ids(
        await listConnectionsForUser(db, {
          tenantId: acme.id,
          referenceId: 'user-1',
          status: 'disconnected',
        }),
      ),
    ).toEqual(['conn_a3']);
    expect(
      ids(await listConnectionsForUser(db, { tenantId: globex.id, referenceId: 'user-2', status: 'active' })),
    ).toEqual([]);
  });
});

describe('findPortalLinkByToken', () => {
  it("finds a link by its token in its own tenant, never in another's", async () => {
    const { token, link } = await insertPortalLink(db, { tenantId: acme.id });
    expect(await findPortalLinkByToken(db, { tenantId: acme.id, token })).toEqual(link);
    expect(await findPortalLinkByToken(db, { tenantId: globex.id, token })).toBeUndefined();
  });

  it('does not look up what cannot be a token', async () => {
    const { token } = await insertPortalLink(db, { tenantId: acme.id });
    expect(await findPortalLinkByToken(db, { tenantId: acme.id, token: `${token}x` })).toBeUndefined();
    expect(await findPortalLinkByToken(db, { tenantId: acme.id, token: 'a'.repeat(43) })).toBeUndefined();
  });
});
