import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { tenantLogos } from '@/lib/db/schema';

export type TenantLogo = typeof tenantLogos.$inferSelect;

/** The tenant's uploaded logo, or null when it has none (a remote logo URL is not stored here). */
export async function findTenantLogo(db: DbOrTx, input: { tenantId: string }): Promise<TenantLogo | null> {
  const [logo] = await db.select().from(tenantLogos).where(eq(tenantLogos.tenantId, input.tenantId)).limit(1);
  return logo ?? null;
}
