import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorResponse } from '@/lib/api/errors';
import type { CreatePortalLinkInput } from '@/lib/api/schemas/portal-links';
import type { Database } from '@/lib/db/client';
import { connections, portalLinks } from '@/lib/db/schema';
import { PortalError } from '@/lib/errors';
import { mintPortalLink } from '@/lib/links/mint-portal-link';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { UsageError } from '@/scripts/cli/cli-io';
import { linkCreate } from '@/scripts/cli/link-commands';
import { memoryDbWithTenant } from '../support/memory-db';

vi.stubEnv('NEXTAUTH_SECRET', 'unit-test-secret-0123456789abcdef0123');
vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');
vi.stubEnv('LOG_LEVEL', 'silent');

const ACME_CONNECTION = 'conn_acmeuser1oura000';
const ACME_OTHER_USER_CONNECTION = 'conn_acmeuser2oura000';
const GLOBEX_CONNECTION = 'conn_globexuser1oura0';
const NONEXISTENT_CONNECTION = 'conn_nosuchconnection';
const NOT_FOUND_BODY =
  '{"error":{"type":"not_found","code":"resource_missing","message":"No such connection.","param":"connection_id"}}';

let db: Database;
let close: () => Promise<void>;
let acme: Tenant;

beforeAll(async () => {
  ({ db, close, tenant: acme } = await memoryDbWithTenant());
  const globex = await createTenant(db, {
    slug: 'globex',
    name: 'Globex',
    source: 'sandbox',
    returnOrigins: [],
  });
  const row = { provider: 'OURA', source: 'sandbox' as const, status: 'active' as const };
  await db.insert(connections).values([
    { ...row, id: ACME_CONNECTION, tenantId: acme.id, referenceId: 'user-1' },
    { ...row, id: ACME_OTHER_USER_CONNECTION, tenantId: acme.id, referenceId: 'user-2' },
    { ...row, id: GLOBEX_CONNECTION, tenantId: globex.id, referenceId: 'user-1' },
  ]);
});
afterAll(async () => close());

function mint(intent: 'reconnect' | 'disconnect', connectionId: string) {
  const link: CreatePortalLinkInput = {
    reference_id: 'user-1',
    intent,
    connection_id: connectionId,
    expires_in: 900,
    channel: 'redirect',
  };
  return mintPortalLink(db, { tenant: acme, link, actor: { type: 'api' } });
}

async function refusalBody(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof PortalError)) throw new Error(`expected a PortalError, got ${String(error)}`);
  const response = errorResponse(error);
  expect(response.status).toBe(404);
  return response.text();
}

describe('minting a reconnect or disconnect link checks connection_id', () => {
  it.each(['reconnect', 'disconnect'] as const)(
    '%s: another tenant’s, another user’s and a nonexistent connection get the same 404',
    async (intent) => {
      const before = await db.$count(portalLinks);
      expect(await refusalBody(mint(intent, GLOBEX_CONNECTION))).toBe(NOT_FOUND_BODY);
      expect(await refusalBody(mint(intent, NONEXISTENT_CONNECTION))).toBe(NOT_FOUND_BODY);
      expect(await refusalBody(mint(intent, ACME_OTHER_USER_CONNECTION))).toBe(NOT_FOUND_BODY);
      expect(await db.$count(portalLinks)).toBe(before);
    },
  );

  it.each(['reconnect', 'disconnect'] as const)(
    '%s: the user’s own connection gets a link',
    async (intent) => {
      const link = await mint(intent, ACME_CONNECTION);
      expect(link).toMatchObject({ object: 'portal_link', intent, connection_id: ACME_CONNECTION });
    },
  );

  it('link:create goes through the same check and names the flag', async () => {
    const create = (connectionId: string) =>
      linkCreate(db, [
        '--tenant',
        'acme',
        '--reference-id',
        'user-1',
        '--intent',
        'reconnect',
        '--connection-id',
        connectionId,
      ]);
    await expect(create(GLOBEX_CONNECTION)).rejects.toMatchObject({
      type: 'not_found',
      code: 'resource_missing',
      message: 'No such connection.',
      param: 'connection_id',
    });
    await expect(create(ACME_CONNECTION)).resolves.toMatchObject({ connection_id: ACME_CONNECTION });
  });

  it('link:create reports a wrong type as invalid, not missing', async () => {
    const attempt = linkCreate(db, ['--tenant', 'acme', '--reference-id', 'user-1', '--expires-in', 'soon']);
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(
      linkCreate(db, ['--tenant', 'acme', '--reference-id', 'user-1', '--expires-in', 'soon']),
    ).rejects.toMatchObject({ message: 'expires_in must be a number.', param: 'expires-in' });
  });
});
