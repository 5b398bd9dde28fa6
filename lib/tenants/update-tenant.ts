import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { tenants } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import { encryptSecret } from '@/lib/security/secret-box';
import { forgetCachedTenants } from './resolve-tenant-by-host';
import type { Tenant } from './tenant';

export type TenantPatch = Partial<{
  name: string;
  accentColor: string;
  logoUrl: string;
  defaultLocale: string;
  allowedReturnOrigins: string[];
  enabledProviders: string[];
  /** Plain source settings (base URLs, dev id). */
  sourceSettings: Record<string, string>;
  /** Source secrets; stored encrypted, bound to this tenant row. */
  sourceSecrets: Record<string, string>;
}>;

export async function updateTenant(
  db: DbOrTx,
  input: { tenantId: string; patch: TenantPatch },
): Promise<Tenant> {
  const [current] = await db.select().from(tenants).where(eq(tenants.id, input.tenantId)).limit(1);
  if (!current) throw notFound('tenant', 'tenant');
  const { patch } = input;
  const sourceConfig = { ...current.sourceConfig, ...patch.sourceSettings };
  for (const [name, value] of Object.entries(patch.sourceSecrets ?? {})) {
    sourceConfig[`${name}Ciphertext`] = encryptSecret(value, {
      table: 'tenants',
      column: `source_config.${name}`,
      tenantId: current.id,
      rowId: current.id,
    });
  }
  const [updated] = await db
    .update(tenants)
    .set({
      name: patch.name,
      accentColor: patch.accentColor,
      logoUrl: patch.logoUrl,
      defaultLocale: patch.defaultLocale,
      allowedReturnOrigins: patch.allowedReturnOrigins,
      enabledProviders: patch.enabledProviders,
      sourceConfig,
      updatedAt: new Date(),
    })
    .where(and(eq(tenants.id, current.id)))
    .returning();
  if (!updated) throw notFound('tenant', 'tenant');
  forgetCachedTenants();
  return updated;
}
