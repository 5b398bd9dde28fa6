import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { tenants } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { Tenant } from './tenant';

export async function requireTenantById(db: DbOrTx, tenantId: string): Promise<Tenant> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  if (!tenant) throw notFound('tenant');
  return tenant;
}
