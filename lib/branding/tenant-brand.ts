import type { Tenant } from '@/lib/tenants/tenant';
import { type BrandTheme, type ThemeMode, brandTheme } from './brand-theme';

/** Where an uploaded logo is served, on the tenant's own host (app/t/[host]/brand/logo). */
export const LOGO_PATH = '/brand/logo';

export type TenantBrand = {
  name: string;
  /** `/brand/logo?v=…` for an uploaded file, the https URL for a remote one, null for none. */
  logoSrc: string | null;
  /** True when the logo comes from our own origin (safe on pages whose URL holds a token). */
  isLogoLocal: boolean;
  supportUrl: string | null;
  privacyUrl: string | null;
  showPoweredBy: boolean;
  mode: ThemeMode;
  theme: BrandTheme;
};

function themeMode(value: string): ThemeMode {
  return value === 'light' || value === 'dark' ? value : 'auto';
}

/** Only https URLs ever reach an href or src, whatever is in the row. */
function httpsOrNull(value: string | null): string | null {
  if (!value || !URL.canParse(value)) return null;
  return new URL(value).protocol === 'https:' ? value : null;
}

type BrandColumns = Pick<
  Tenant,
  | 'name'
  | 'accentColor'
  | 'logoUrl'
  | 'logoFileSha256'
  | 'supportUrl'
  | 'privacyUrl'
  | 'showPoweredBy'
  | 'theme'
>;

/** What every page shows of a tenant's brand, derived once from its row. */
export function tenantBrand(tenant: BrandColumns): TenantBrand {
  const localLogo = tenant.logoFileSha256 ? `${LOGO_PATH}?v=${tenant.logoFileSha256.slice(0, 16)}` : null;
  return {
    name: tenant.name,
    logoSrc: localLogo ?? httpsOrNull(tenant.logoUrl),
    isLogoLocal: localLogo !== null,
    supportUrl: httpsOrNull(tenant.supportUrl),
    privacyUrl: httpsOrNull(tenant.privacyUrl),
    showPoweredBy: tenant.showPoweredBy,
    mode: themeMode(tenant.theme),
    theme: brandTheme(tenant.accentColor),
  };
}
