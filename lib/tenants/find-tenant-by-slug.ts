import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { tenants } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { Tenant } from './tenant';

export async function findTenantBySlug(db: DbOrTx, slug: string): Promise<Tenant | undefined> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return tenant;
}

export async function requireTenantBySlug(db: DbOrTx, slug: string): Promise<Tenant> {
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw notFound('tenant', 'tenant');
  return tenant;
}
