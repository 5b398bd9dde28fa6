import fs from 'node:fs';
import path from 'node:path';
import { HOSTILE_LOGO_SVG, NORTHWIND_LOGO_SVG, contosoLogoPng } from '../support/brand-assets';
import { seedWorld } from '../support/seed-world';
import { resetPostgres } from '../support/reset-postgres';
import { freshPgliteDir, serverEnv, startTestServer } from '../support/test-server';
import { routeTerraWebhooks, startTerraWorld, terraTenantSpecs } from '../support/terra-world';

/** Per port, so two suites on one machine (E2E_PORT) never read each other's world. */
export const E2E_WORLD_FILE = path.join(
  process.cwd(),
  '.data',
  `e2e-world-${process.env.E2E_PORT ?? 3100}.json`,
);

/** Tenants of the white-label specs (tests/e2e/branding*.spec.ts). */
export const BRAND_TENANTS = [
  {
    slug: 'northwind',
    name: 'Northwind Wellness',
    accent: '#b45309',
    returnOrigins: ['https://app.northwind.test'],
    brand: {
      logoFile: Buffer.from(NORTHWIND_LOGO_SVG),
      supportUrl: 'https://help.northwind.test/',
      privacyUrl: 'https://northwind.test/privacy',
      theme: 'light' as const,
    },
  },
  {
    slug: 'contoso',
    name: 'Contoso Care',
    accent: '#1d4ed8',
    brand: { logoFile: contosoLogoPng(), theme: 'dark' as const, showPoweredBy: false, defaultLocale: 'fr' },
  },
  // Stored as given (the CLI refuses both): the pages must render them inert.
  {
    slug: 'hostile',
    name: '<img src=x onerror=alert(1)>',
    accent: 'red;background:url(//evil)',
    brand: { logoFile: Buffer.from(HOSTILE_LOGO_SVG) },
  },
  { slug: 'sunny', name: 'Sunny Steps', accent: '#ffff00' },
  { slug: 'ink', name: 'Ink Health', accent: '#111111' },
];

/** Seeds tenants, then starts one production server for the browser suite on *.portal.test. */
export default async function globalSetup() {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const rootDomain = `portal.test:${port}`;
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (databaseUrl) await resetPostgres(databaseUrl);
  const pgliteDir = freshPgliteDir('e2e');
  const terra = await startTerraWorld();
  const world = await seedWorld({
    databaseUrl,
    pgliteDir,
    tenants: [
      {
        slug: 'acme',
        name: 'Acme Health',
        accent: '#0f766e',
        returnOrigins: ['https://app.acme.test'],
        brand: { appUrl: 'https://app.acme.test/', linkRequestUrl: 'https://app.acme.test/portal-link' },
      },
      { slug: 'globex', name: 'Globex Fitness', accent: '#7c3aed' },
      ...BRAND_TENANTS,
      ...terraTenantSpecs(terra.url),
    ],
  });
  const env = serverEnv({ port, rootDomain, databaseUrl, pgliteDir });
  const server = await startTestServer({ port, env });
  await routeTerraWebhooks(terra.url, server.origin);
  fs.mkdirSync(path.dirname(E2E_WORLD_FILE), { recursive: true });
  fs.writeFileSync(
    E2E_WORLD_FILE,
    JSON.stringify({
      ...world,
      origin: server.origin,
      rootDomain,
      port,
      terraUrl: terra.url,
      serverLogFile: path.join(pgliteDir, '..', 'e2e-server.log'),
    }),
  );
  return async () => {
    fs.writeFileSync(path.join(pgliteDir, '..', 'e2e-server.log'), server.logs());
    await server.stop();
    await terra.close();
  };
}
