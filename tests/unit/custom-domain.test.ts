import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/client';
import { addTenantDomain } from '@/lib/tenants/add-tenant-domain';
import { createTenant } from '@/lib/tenants/create-tenant';
import { resolveTenantByHost } from '@/lib/tenants/resolve-tenant-by-host';
import type { Tenant } from '@/lib/tenants/tenant';
import { type TxtResolver, verifyTenantDomain } from '@/lib/tenants/verify-tenant-domain';
import { memoryDbWithTenant } from '../support/memory-db';

const ROOT = 'portal.example.com';
let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;

beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant('acme'));
});
afterAll(async () => close());

/** A DNS stand-in: answers TXT queries from a fixed table, like `dig TXT name`. */
function txtRecords(table: Record<string, string[]>): TxtResolver {
  return async (name) => {
    const values = table[name];
    if (!values) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return values.map((value) => [value]);
  };
}

describe('custom domains', () => {
  it('serve the tenant only after the TXT record proves ownership', async () => {
    const domain = await addTenantDomain(db, { tenantId: tenant.id, domain: 'devices.acme.test' });
    const resolve = (host: string) => resolveTenantByHost(db, { host, rootDomain: ROOT });

    // Added but unverified: the host is nobody's (and stays so while the record is missing or wrong).
    expect(await resolve('devices.acme.test')).toBeNull();
    const missingOrWrong: Record<string, string[]>[] = [
      {},
      { '_portal-verify.devices.acme.test': ['portal-verify=someone-else'] },
    ];
    for (const table of missingOrWrong) {
      await expect(
        verifyTenantDomain(db, {
          tenantId: tenant.id,
          domain: 'devices.acme.test',
          resolveTxtRecords: txtRecords(table),
        }),
      ).rejects.toMatchObject({ code: 'domain_unverified' });
      expect(await resolve('devices.acme.test')).toBeNull();
    }

    // The record holds the token: verified, and the (cached) lookup now finds the tenant.
    const verified = await verifyTenantDomain(db, {
      tenantId: tenant.id,
      domain: 'devices.acme.test',
      resolveTxtRecords: txtRecords({
        '_portal-verify.devices.acme.test': ['v=spf1 -all', domain.verificationToken],
      }),
    });
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    expect((await resolve('devices.acme.test'))?.id).toBe(tenant.id);
    expect((await resolve('DEVICES.acme.test:443'))?.id).toBe(tenant.id);
  });

  it("cannot be verified by another tenant's check", async () => {
    const other = await createTenant(db, {
      slug: 'globex',
      name: 'Globex',
      source: 'sandbox',
      returnOrigins: [],
    });
    await expect(
      verifyTenantDomain(db, { tenantId: other.id, domain: 'devices.acme.test', force: true }),
    ).rejects.toMatchObject({ type: 'not_found' });
  });
});
