import { z } from 'zod';
import {
  accentColor,
  appUrl,
  linkRequestUrl,
  locale,
  logoUrl,
  privacyUrl,
  providerList,
  returnOrigin,
  supportUrl,
  tenantName,
  themeMode,
} from '@/lib/tenants/tenant-fields';
import type { TenantPatch } from '@/lib/tenants/update-tenant';

/** PATCH /api/v1/tenant: brand and settings, checked as `tenant:update` checks them; at least one. */
export const updateTenantBody = z
  .strictObject({
    name: tenantName.optional(),
    accent_color: accentColor.optional(),
    logo_url: logoUrl.optional(),
    support_url: supportUrl.optional(),
    privacy_url: privacyUrl.optional(),
    show_powered_by: z.boolean().optional(),
    theme: themeMode.optional(),
    default_locale: locale.optional(),
    allowed_return_origins: z.array(returnOrigin).max(20, 'must list at most 20 origins').optional(),
    app_url: appUrl.optional(),
    link_request_url: linkRequestUrl.optional(),
    enabled_providers: providerList.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'name at least one setting to change',
  });

/** The body's names as the service's patch. */
export function tenantPatchFrom(body: z.output<typeof updateTenantBody>): TenantPatch {
  return {
    name: body.name,
    accentColor: body.accent_color,
    logoUrl: body.logo_url,
    supportUrl: body.support_url,
    privacyUrl: body.privacy_url,
    showPoweredBy: body.show_powered_by,
    theme: body.theme,
    defaultLocale: body.default_locale,
    allowedReturnOrigins: body.allowed_return_origins,
    appUrl: body.app_url,
    linkRequestUrl: body.link_request_url,
    enabledProviders: body.enabled_providers,
  };
}
