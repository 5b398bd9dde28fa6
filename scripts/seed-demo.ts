// Seeds the demo tenant(s) into the configured database and prints what a visitor needs (JSON).
import { createApiKey } from '@/lib/api/api-keys';
import { openDatabase } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { createTenant } from '@/lib/tenants/create-tenant';
import { findTenantBySlug } from '@/lib/tenants/find-tenant-by-slug';
import { tenantOrigin } from '@/lib/tenants/tenant-origin';
import { updateTenant } from '@/lib/tenants/update-tenant';

const env = getEnv();
const { db, close } = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
try {
  let tenant = await findTenantBySlug(db, 'acme');
  if (!tenant) {
    tenant = await createTenant(db, {
      slug: 'acme',
      name: 'Acme Health',
      source: 'sandbox',
      returnOrigins: [],
    });
    tenant = await updateTenant(db, { tenantId: tenant.id, patch: { accentColor: '#0f766e' } });
  }
  const { apiKey } = await createApiKey(db, { tenantId: tenant.id });
  process.stdout.write(`${JSON.stringify({ tenant_url: tenantOrigin(tenant), api_key: apiKey })}\n`);
} finally {
  await close();
}
