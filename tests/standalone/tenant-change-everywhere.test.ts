import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '@/lib/db/client';
import { addTenantDomain } from '@/lib/tenants/add-tenant-domain';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { updateTenant } from '@/lib/tenants/update-tenant';
import { verifyTenantDomain } from '@/lib/tenants/verify-tenant-domain';
import { request } from '../support/http';
import { TEST_SECRETS, type TestServer, freePort, serverEnv, startTestServer } from '../support/test-server';
import { createThrowawayDatabase } from '../support/throwaway-postgres';

const serverUrl = process.env.TEST_DATABASE_URL;
vi.stubEnv('NEXTAUTH_SECRET', TEST_SECRETS.NEXTAUTH_SECRET);
vi.stubEnv('PORTAL_ENCRYPTION_KEY', TEST_SECRETS.PORTAL_ENCRYPTION_KEY);
vi.stubEnv('LOG_LEVEL', 'silent');

/** What SPEC §18 allows between a change and every instance serving it (host lookups cache for 30 s). */
const EVERY_INSTANCE_WITHIN_MS = 2_000;

// Two servers and a third process (this test, standing in for the CLI or the console) on one PostgreSQL.
describe.runIf(serverUrl)('a tenant change reaches every instance', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let db: Database;
  let close: () => Promise<void>;
  let acme: Tenant;
  const servers: TestServer[] = [];
  const rootDomain = 'portal.test';

  beforeAll(async () => {
    database = await createThrowawayDatabase(serverUrl ?? '', 'changes');
    ({ db, close } = await openDatabase({ databaseUrl: database.url }));
    acme = await createTenant(db, {
      slug: 'acme',
      name: 'Acme Health',
      source: 'sandbox',
      returnOrigins: [],
    });
    for (let n = 0; n < 2; n += 1) {
      const port = await freePort();
      servers.push(
        await startTestServer({
          port,
          env: serverEnv({ port, rootDomain, databaseUrl: database.url, pgliteDir: 'unused' }),
        }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await close();
    await database.drop();
  });

  const pageOn = (server: TestServer, host: string) => request(server.origin, { host, path: '/signed-out' });

  async function expectEverywhere(host: string, check: (page: { status: number; body: string }) => void) {
    for (const server of servers) {
      await vi.waitFor(async () => check(await pageOn(server, host)), {
        timeout: EVERY_INSTANCE_WITHIN_MS,
        interval: 50,
      });
    }
  }

  it('a new name shows on both instances, whose host lookups were cached', async () => {
    for (const server of servers)
      expect((await pageOn(server, `acme.${rootDomain}`)).body).toContain('Acme Health');
    await updateTenant(db, { tenantId: acme.id, patch: { name: 'Acme Renamed' } });
    await expectEverywhere(`acme.${rootDomain}`, (page) => expect(page.body).toContain('Acme Renamed'));
  });

  it('a custom domain verified elsewhere serves the tenant on both', async () => {
    await addTenantDomain(db, { tenantId: acme.id, domain: 'devices.acme.test' });
    for (const server of servers) expect((await pageOn(server, 'devices.acme.test')).status).toBe(404);
    await verifyTenantDomain(db, { tenantId: acme.id, domain: 'devices.acme.test', force: true });
    await expectEverywhere('devices.acme.test', (page) => expect(page.status).toBe(200));
  });

  it('a tenant created elsewhere is served by both, though its host was just unknown', async () => {
    for (const server of servers) expect((await pageOn(server, `globex.${rootDomain}`)).status).toBe(404);
    await createTenant(db, { slug: 'globex', name: 'Globex Fitness', source: 'sandbox', returnOrigins: [] });
    await expectEverywhere(`globex.${rootDomain}`, (page) => expect(page.body).toContain('Globex Fitness'));
  });
});
