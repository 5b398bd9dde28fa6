import type { TestProject } from 'vitest/node';
import { seedWorld, type World } from '../support/seed-world';
import { freePort, freshPgliteDir, serverEnv, startTestServer } from '../support/test-server';
import { resetPostgres } from '../support/reset-postgres';
import { routeTerraWebhooks, startTerraWorld, terraTenantSpecs } from '../support/terra-world';

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
    rootDomain: string;
    world: World;
    serverEnv: Record<string, string>;
    serverLogFile: string;
    terraUrl: string;
  }
}

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
];

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
    extra: { API_RATE_LIMIT_PER_MINUTE: '600', PLATFORM_SYNC_TTL_SECONDS: '0' },
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
