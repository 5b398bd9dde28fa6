import { z } from 'zod';
import { isKnownProvider } from '@/lib/connections/provider-catalogue';
import { LOCALES } from '@/lib/i18n/locales';
import { isAllowedReturnOriginShape } from '@/lib/security/return-url';
import { slugRefusal } from './reserved-slugs';
import { SOURCE_NAMES } from '@/lib/connections/vocabulary';

/** Field rules shared by the CLI and any future console/API that edits tenants. */
export const tenantSlug = z
  .string()
  .regex(/^[a-z0-9-]{2,40}$/, 'must be 2–40 characters of a-z, 0-9 and -')
  .refine((slug) => !slug.startsWith('-') && !slug.endsWith('-'), 'must not start or end with -');

/** A slug for a new tenant: well-formed and not one the portal keeps for itself. */
export const newTenantSlug = tenantSlug.superRefine((slug, ctx) => {
  const refusal = slugRefusal(slug);
  if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
});

export const tenantName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .refine((name) => !/[<>\u0000-\u001f]/.test(name), 'must not contain < > or control characters');

export const accentColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0f766e')
  .transform((c) => c.toLowerCase());

export const locale = z.enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}` });

export const returnOrigin = z
  .string()
  .refine(
    isAllowedReturnOriginShape,
    'must be an https origin (http only for localhost), e.g. https://app.acme.com',
  )
  .transform((value) => new URL(value).origin);

const httpsUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', 'must be an https URL');

/** A page of the tenant's own: https, or http on localhost while developing. */
const tenantPageUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine(
    (value) => URL.canParse(value) && isAllowedReturnOriginShape(new URL(value).origin),
    'must be an https URL (http only for localhost), e.g. https://app.acme.com/settings',
  )
  .transform((value) => new URL(value).href);

export const appUrl = tenantPageUrl;
export const linkRequestUrl = tenantPageUrl;

export const logoUrl = httpsUrl;
export const supportUrl = httpsUrl;
export const privacyUrl = httpsUrl;

export const THEME_MODES = ['auto', 'light', 'dark'] as const;
export const themeMode = z.enum(THEME_MODES, { error: 'must be auto, light or dark' });

export const providerList = z
  .array(z.string().trim().toUpperCase())
  .min(1, 'must name at least one provider')
  .refine((ids) => ids.every(isKnownProvider), 'must list known providers, e.g. OURA,GARMIN');

export const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain name like devices.acme.com',
  );

export const connectionSourceName = z.enum(SOURCE_NAMES, {
  error: `must be one of ${SOURCE_NAMES.join(', ')}`,
});
