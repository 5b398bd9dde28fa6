import { and, eq } from 'drizzle-orm';
import { announceTenantChange } from '@/lib/cache/tenant-change-signal';
import type { DbOrTx } from '@/lib/db/client';
import type { LogoFile } from '@/lib/branding/logo-file';
import { tenantLogos, tenants } from '@/lib/db/schema';
import { invalid, notFound } from '@/lib/errors';
import { encryptSecret } from '@/lib/security/secret-box';
import type { Tenant } from './tenant';

export type TenantPatch = Partial<{
  name: string;
  accentColor: string;
  /** A remote https logo; replaces an uploaded one. */
  logoUrl: string;
  /** An uploaded logo, already checked by inspectLogoFile; replaces a remote one. */
  logoFile: LogoFile;
  supportUrl: string;
  privacyUrl: string;
  /** The exit pages' way back when no return URL is known. */
  appUrl: string;
  /** The exit pages' "Get a new link"; must be on one of the allowed return origins. */
  linkRequestUrl: string;
  showPoweredBy: boolean;
  theme: 'auto' | 'light' | 'dark';
  defaultLocale: string;
  allowedReturnOrigins: string[];
  enabledProviders: string[];
  /** Plain source settings (base URLs, dev id). */
  sourceSettings: Record<string, string>;
  /** Source secrets; stored encrypted, bound to this tenant row. */
  sourceSecrets: Record<string, string>;
}>;

/** One logo at a time: an upload replaces the stored file, a remote URL removes it. */
async function replaceLogo(db: DbOrTx, tenantId: string, patch: TenantPatch): Promise<void> {
  if (patch.logoFile) {
    const { contentType, data, sha256 } = patch.logoFile;
    await db
      .insert(tenantLogos)
      .values({ tenantId, contentType, data, sha256 })
      .onConflictDoUpdate({
        target: tenantLogos.tenantId,
        set: { contentType, data, sha256, createdAt: new Date() },
      });
  } else if (patch.logoUrl) {
    await db.delete(tenantLogos).where(eq(tenantLogos.tenantId, tenantId));
  }
}

export async function updateTenant(
  db: DbOrTx,
  input: { tenantId: string; patch: TenantPatch },
): Promise<Tenant> {
  const [current] = await db.select().from(tenants).where(eq(tenants.id, input.tenantId)).limit(1);
  if (!current) throw notFound('tenant', 'tenant');
  const { patch } = input;
  const linkRequestUrl = patch.linkRequestUrl ?? current.linkRequestUrl;
  const origins = patch.allowedReturnOrigins ?? current.allowedReturnOrigins;
  // The user is sent there with the tenant's name on the button: only to the tenant's own origins.
  if (linkRequestUrl && !origins.includes(new URL(linkRequestUrl).origin))
    throw invalid('link_request_url', 'must be on one of the allowed return origins (--return-origin)');
  const sourceConfig = { ...current.sourceConfig, ...patch.sourceSettings };
  for (const [name, value] of Object.entries(patch.sourceSecrets ?? {})) {
    sourceConfig[`${name}Ciphertext`] = encryptSecret(value, {
      table: 'tenants',
      column: `source_config.${name}`,
      tenantId: current.id,
      rowId: current.id,
    });
  }
  const updated = await db.transaction(async (tx) => {
    await replaceLogo(tx, current.id, patch);
    const [row] = await tx
      .update(tenants)
      .set({
        name: patch.name,
        accentColor: patch.accentColor,
        logoUrl: patch.logoFile ? null : patch.logoUrl,
        logoFileSha256: patch.logoFile ? patch.logoFile.sha256 : patch.logoUrl ? null : undefined,
        supportUrl: patch.supportUrl,
        privacyUrl: patch.privacyUrl,
        appUrl: patch.appUrl,
        linkRequestUrl: patch.linkRequestUrl,
        showPoweredBy: patch.showPoweredBy,
        theme: patch.theme,
        defaultLocale: patch.defaultLocale,
        allowedReturnOrigins: patch.allowedReturnOrigins,
        enabledProviders: patch.enabledProviders,
        sourceConfig,
        updatedAt: new Date(),
      })
      .where(and(eq(tenants.id, current.id)))
      .returning();
    return row;
  });
  if (!updated) throw notFound('tenant', 'tenant');
  await announceTenantChange(db);
  return updated;
}
