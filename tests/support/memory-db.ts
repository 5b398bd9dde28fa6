import { openDatabase } from '@/lib/db/client';
import { createTenant } from '@/lib/tenants/create-tenant';

/** A throwaway in-memory PGlite with the real migrations, and a fresh tenant in it. */
export async function memoryDbWithTenant(slug = 'acme') {
  const { db, close } = await openDatabase({ pgliteDir: 'memory://' });
  const tenant = await createTenant(db, { slug, name: 'Acme Health', source: 'sandbox', returnOrigins: [] });
  return { db, close, tenant };
}
