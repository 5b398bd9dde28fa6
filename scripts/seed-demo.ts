// Seeds the demo tenant(s) into the configured database and prints what a visitor needs (JSON): each
// tenant's API key and a portal link for "demo-user", ready to open. The portal's own landing page on
// the apex stands in for the tenant's app, so "Back to {tenant}" has somewhere to go.
// With --terra-url URL it also seeds "fitco" on the terra source, pointed at that Terra API (the emulator).
import { parseArgs } from 'node:util';
import { createApiKey } from '@/lib/api/api-keys';
import { type Database, openDatabase } from '@/lib/db/client';
import { mintPortalLink } from '@/lib/links/mint-portal-link';
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

const { values } = parseArgs({ options: { 'terra-url': { type: 'string' } } });
const env = getEnv();

async function ensureTenant(
  db: Database,
  spec: { slug: string; name: string; source: SourceName; patch: TenantPatch },
) {
  const tenant =
    (await findTenantBySlug(db, spec.slug)) ??
    (await createTenant(db, { slug: spec.slug, name: spec.name, source: spec.source, returnOrigins: [] }));
  const appOrigin = `http://${env.PORTAL_ROOT_DOMAIN}`;
  const updated = await updateTenant(db, {
    tenantId: tenant.id,
    patch: { ...spec.patch, allowedReturnOrigins: [appOrigin] },
  });
  const { apiKey } = await createApiKey(db, { tenantId: tenant.id });
  const link = await mintPortalLink(db, {
    tenant: updated,
    link: {
      reference_id: 'demo-user',
      intent: 'manage',
      channel: 'redirect',
      expires_in: 900,
      return_url: `${appOrigin}/`,
    },
    actor: { type: 'operator' },
  });
  return {
    slug: updated.slug,
    name: updated.name,
    url: `${tenantOrigin(updated)}/`,
    api_key: apiKey,
    portal_link: link.url,
    link_expires_at: link.expires_at,
  };
}

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
