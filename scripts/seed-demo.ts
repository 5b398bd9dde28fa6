// Seeds the demo tenant(s) into the configured database and prints what a visitor needs (JSON).
// With --terra-url URL it also seeds "fitco" on the terra source, pointed at that Terra API (the emulator).
import { parseArgs } from 'node:util';
import { createApiKey } from '@/lib/api/api-keys';
import { type Database, openDatabase } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { createTenant } from '@/lib/tenants/create-tenant';
import { findTenantBySlug } from '@/lib/tenants/find-tenant-by-slug';
import { tenantOrigin } from '@/lib/tenants/tenant-origin';
import { type TenantPatch, updateTenant } from '@/lib/tenants/update-tenant';
import type { SourceName } from '@/lib/connections/vocabulary';

export const DEMO_TERRA = {
  devId: 'fitco-demo',
  apiKey: 'fitco-demo-terra-key',
  webhookSecret: 'fitco-demo-signing-secret',
};

async function ensureTenant(
  db: Database,
  spec: { slug: string; name: string; source: SourceName; patch: TenantPatch },
) {
  const tenant =
    (await findTenantBySlug(db, spec.slug)) ??
    (await createTenant(db, { slug: spec.slug, name: spec.name, source: spec.source, returnOrigins: [] }));
  const updated = await updateTenant(db, { tenantId: tenant.id, patch: spec.patch });
  const { apiKey } = await createApiKey(db, { tenantId: tenant.id });
  return { slug: updated.slug, name: updated.name, url: `${tenantOrigin(updated)}/`, api_key: apiKey };
}

const { values } = parseArgs({ options: { 'terra-url': { type: 'string' } } });
const env = getEnv();
const { db, close } = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
try {
  const tenants = [
    await ensureTenant(db, {
      slug: 'acme',
      name: 'Acme Health',
      source: 'sandbox',
      patch: { accentColor: '#0f766e' },
    }),
  ];
  const terraUrl = values['terra-url'];
  if (terraUrl) {
    tenants.push(
      await ensureTenant(db, {
        slug: 'fitco',
        name: 'FitCo',
        source: 'terra',
        patch: {
          accentColor: '#7c3aed',
          sourceSettings: { devId: DEMO_TERRA.devId, baseUrl: `${terraUrl}/v2` },
          sourceSecrets: { apiKey: DEMO_TERRA.apiKey, webhookSecret: DEMO_TERRA.webhookSecret },
        },
      }),
    );
  }
  process.stdout.write(`${JSON.stringify({ tenants })}\n`);
} finally {
  await close();
}
