import { eq } from 'drizzle-orm';
import { createApiKey } from '@/lib/api/api-keys';
import { portalLinks } from '@/lib/db/schema';
import { mintPortalLink } from '@/lib/links/mint-portal-link';
import { TEST_SECRETS } from './test-server';
import { openDatabase } from '@/lib/db/client';
import { createTenant } from '@/lib/tenants/create-tenant';
import { updateTenant } from '@/lib/tenants/update-tenant';
import { addTenantDomain } from '@/lib/tenants/add-tenant-domain';
import { inspectLogoFile } from '@/lib/branding/logo-file';
import type { TenantPatch } from '@/lib/tenants/update-tenant';
import { verifyTenantDomain } from '@/lib/tenants/verify-tenant-domain';

/** expiredLinkToken: a link minted through the service whose expiry was then moved into the past. */
export type SeededTenant = {
  id: string;
  slug: string;
  name: string;
  apiKey: string;
  expiredLinkToken: string;
};
export type World<Slug extends string = string> = { tenants: Record<Slug, SeededTenant> };

/** Brand settings, applied through the same checks as `tenant:update` (an uploaded logo is sanitised). */
export type BrandSpec = {
  logoFile?: Uint8Array;
  logoUrl?: string;
  supportUrl?: string;
  privacyUrl?: string;
  showPoweredBy?: boolean;
  theme?: 'auto' | 'light' | 'dark';
  defaultLocale?: string;
  /** Where the exit pages lead (SPEC §16–17); the link-request URL must be on a return origin. */
  appUrl?: string;
  linkRequestUrl?: string;
};

function brandPatch(brand: BrandSpec): TenantPatch {
  const { logoFile, ...rest } = brand;
  return { ...rest, ...(logoFile ? { logoFile: inspectLogoFile(logoFile) } : {}) };
}

export type TenantSpec<Slug extends string = string> = {
  slug: Slug;
  /** Stored as given: services trust their callers, so a test can store what the CLI refuses. */
  name: string;
  accent?: string;
  brand?: BrandSpec;
  returnOrigins?: readonly string[];
  domains?: readonly { domain: string; verified: boolean }[];
  /** A tenant on the terra source, pointed at a Terra API (the emulator in tests). */
  terra?: { devId: string; apiKey: string; webhookSecret: string; baseUrl: string };
};

/**
 * Creates tenants through the app's own services before the server opens the database
 * (an embedded PGlite directory can be held by one process only).
 */
export async function seedWorld<Slug extends string>(options: {
  databaseUrl?: string;
  pgliteDir: string;
  tenants: readonly TenantSpec<Slug>[];
}): Promise<World<Slug>> {
  Object.assign(process.env, TEST_SECRETS);
  const { db, close } = await openDatabase({
    databaseUrl: options.databaseUrl,
    pgliteDir: options.pgliteDir,
  });
  const tenants: Partial<Record<Slug, SeededTenant>> = {};
  try {
    for (const spec of options.tenants) {
      const tenant = await createTenant(db, {
        slug: spec.slug,
        name: spec.name,
        source: spec.terra ? 'terra' : 'sandbox',
        returnOrigins: [...(spec.returnOrigins ?? [])],
      });
      if (spec.terra) {
        await updateTenant(db, {
          tenantId: tenant.id,
          patch: {
            sourceSettings: { devId: spec.terra.devId, baseUrl: spec.terra.baseUrl },
            sourceSecrets: { apiKey: spec.terra.apiKey, webhookSecret: spec.terra.webhookSecret },
          },
        });
      }
      if (spec.accent) await updateTenant(db, { tenantId: tenant.id, patch: { accentColor: spec.accent } });
      if (spec.brand) await updateTenant(db, { tenantId: tenant.id, patch: brandPatch(spec.brand) });
      for (const { domain, verified } of spec.domains ?? []) {
        await addTenantDomain(db, { tenantId: tenant.id, domain });
        if (verified) await verifyTenantDomain(db, { tenantId: tenant.id, domain, force: true });
      }
      const { apiKey } = await createApiKey(db, { tenantId: tenant.id });
      const expired = await mintPortalLink(db, {
        tenant,
        link: {
          reference_id: 'expired-user',
          intent: 'manage',
          expires_in: 60,
          channel: 'redirect',
          return_url: spec.returnOrigins?.[0],
        },
        actor: { type: 'operator' },
      });
      await db
        .update(portalLinks)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(portalLinks.id, expired.id));
      const expiredLinkToken = expired.url.split('/l/')[1] ?? '';
      tenants[spec.slug] = {
        id: tenant.id,
        slug: spec.slug,
        name: spec.name,
        apiKey,
        expiredLinkToken,
      };
    }
  } finally {
    await close();
  }
  return { tenants: tenants as Record<Slug, SeededTenant> };
}
