import type { tenants } from '@/lib/db/schema';

export type Tenant = typeof tenants.$inferSelect;

/** What may leave the server about a tenant (CLI output, logs): never its source secrets. */
export function publicTenant(tenant: Tenant) {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    source: tenant.source,
    accent_color: tenant.accentColor,
    logo_url: tenant.logoUrl,
    logo_file: tenant.logoFileSha256 ? { sha256: tenant.logoFileSha256 } : null,
    support_url: tenant.supportUrl,
    privacy_url: tenant.privacyUrl,
    app_url: tenant.appUrl,
    link_request_url: tenant.linkRequestUrl,
    show_powered_by: tenant.showPoweredBy,
    theme: tenant.theme,
    default_locale: tenant.defaultLocale,
    allowed_return_origins: tenant.allowedReturnOrigins,
    enabled_providers: tenant.enabledProviders,
    source_settings: Object.fromEntries(
      Object.entries(tenant.sourceConfig).map(([key, value]) =>
        key.endsWith('Ciphertext') ? [key.slice(0, -'Ciphertext'.length), 'set'] : [key, value],
      ),
    ),
  };
}
