import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/client';
import { PortalError } from '@/lib/errors';
import { createTenant } from '@/lib/tenants/create-tenant';
import { parseHost } from '@/lib/tenants/parse-host';
import { UsageError } from '@/scripts/cli/cli-io';
import { tenantCreate } from '@/scripts/cli/tenant-commands';
import { memoryDbWithTenant } from '../support/memory-db';

let db: Database;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await memoryDbWithTenant('seed'));
});
afterAll(async () => close());

const create = (slug: string) => tenantCreate(db, ['--slug', slug, '--name', 'Someone']);

describe('tenant:create refuses slugs that cannot be a tenant host', () => {
  it.each(['www', 'api', 'admin', 'console', 'static', 'mail', 'auth', 'app', 'cdn', 'localhost'])(
    'refuses the reserved slug %s, naming the slug flag',
    async (slug) => {
      const refusal = create(slug);
      await expect(refusal).rejects.toBeInstanceOf(UsageError);
      await expect(create(slug)).rejects.toMatchObject({
        param: 'slug',
        message: '--slug is reserved for the portal itself; choose another name',
      });
    },
  );

  it.each(['xn--acme-9qa', 'ab--cd'])('refuses %s (punycode or -- in positions 3-4)', async (slug) => {
    await expect(create(slug)).rejects.toMatchObject({
      param: 'slug',
      message: '--slug must not have -- in positions 3 and 4 (punycode such as xn-- is refused)',
    });
  });

  it('still creates an ordinary slug, including one with -- elsewhere', async () => {
    const created = await create('acme--health');
    expect(created.tenant).toMatchObject({ slug: 'acme--health', name: 'Someone' });
  });

  it('is refused by the service too, whoever calls it', async () => {
    const refusal = createTenant(db, { slug: 'www', name: 'W', source: 'sandbox', returnOrigins: [] });
    await expect(refusal).rejects.toBeInstanceOf(PortalError);
    await expect(
      createTenant(db, { slug: 'xn--acme-9qa', name: 'X', source: 'sandbox', returnOrigins: [] }),
    ).rejects.toMatchObject({ type: 'invalid_request_error', code: 'slug_reserved', param: 'slug' });
  });
});

describe('parseHost never treats a reserved subdomain as a tenant', () => {
  const root = 'portal.example.com';
  it.each([
    ['www.portal.example.com', { kind: 'apex' }],
    ['api.portal.example.com', { kind: 'invalid' }],
    ['admin.portal.example.com', { kind: 'invalid' }],
    ['xn--acme-9qa.portal.example.com', { kind: 'invalid' }],
    ['acme.portal.example.com', { kind: 'subdomain', slug: 'acme' }],
  ])('%s', (host, expected) => {
    expect(parseHost(host, root)).toEqual(expected);
  });
});
