import type { TestProject } from 'vitest/node';
import { type TenantSpec, type World, seedWorld } from '../support/seed-world';
import { freePort, freshPgliteDir, serverEnv, startTestServer } from '../support/test-server';
import { resetPostgres } from '../support/reset-postgres';
import {
  type TerraTenantSlug,
  routeTerraWebhooks,
  startTerraWorld,
  terraTenantSpecs,
} from '../support/terra-world';

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
    rootDomain: string;
    world: World<IntegrationTenantSlug>;
    serverEnv: Record<string, string>;
    serverLogFile: string;
    terraUrl: string;
  }
}

/**
 * acme and globex are shared: a file that uses them scopes what it asserts to its own users.
 * A file that asserts tenant-wide state (the event log) owns tenants named after it, so the
 * files can run in parallel against one server.
 */
export const INTEGRATION_TENANTS = [
  {
    slug: 'acme',
    name: 'Acme Health',
    returnOrigins: ['https://app.acme.test'],
    domains: [
      { domain: 'devices.acme.test', verified: true },
      { domain: 'pending.acme.test', verified: false },
    ],
  },
  { slug: 'globex', name: 'Globex Fitness' },
  { slug: 'connections-api', name: 'Connections API Health' },
  { slug: 'database-cut', name: 'Database Cut Health' },
  { slug: 'event-order', name: 'Event Order Health' },
  { slug: 'endpoints-api', name: 'Endpoints API Health' },
  { slug: 'tenant-api', name: 'Tenant API Health', returnOrigins: ['https://app.tenant-api.test'] },
  { slug: 'isolation-a', name: 'Isolation A Health' },
  { slug: 'isolation-b', name: 'Isolation B Fitness' },
] as const satisfies readonly TenantSpec[];

export type IntegrationTenantSlug = (typeof INTEGRATION_TENANTS)[number]['slug'] | TerraTenantSlug;

/** GET /api/metrics answers only this bearer token on the suite's server. */
export const METRICS_TOKEN = 'metrics-token-for-integration-tests';

/** One server for the whole integration suite: PostgreSQL when TEST_DATABASE_URL is set, else PGlite. */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (databaseUrl) await resetPostgres(databaseUrl);
  const port = await freePort();
  const rootDomain = `localhost:${port}`;
  const pgliteDir = freshPgliteDir('integration');
  const terra = await startTerraWorld();
  const world = await seedWorld({
    databaseUrl,
    pgliteDir,
    tenants: [...INTEGRATION_TENANTS, ...terraTenantSpecs(terra.url)],
  });
  const env = serverEnv({
    port,
    rootDomain,
    databaseUrl,
    pgliteDir,
    extra: { API_RATE_LIMIT_PER_MINUTE: '600', PLATFORM_SYNC_TTL_SECONDS: '0', METRICS_TOKEN },
  });
  const serverLogFile = `${pgliteDir}.server.log`;
  const server = await startTestServer({ port, env, logFile: serverLogFile });
  await routeTerraWebhooks(terra.url, server.origin);
  project.provide('origin', server.origin);
  project.provide('rootDomain', rootDomain);
  project.provide('world', world);
  project.provide('serverEnv', env);
  project.provide('serverLogFile', serverLogFile);
  project.provide('terraUrl', terra.url);
  return async () => {
    await server.stop();
    await terra.close();
  };
}
