import fs from 'node:fs';
import { LogoFileError, MAX_LOGO_BYTES, inspectLogoFile } from '@/lib/branding/logo-file';
import { logoUrl, privacyUrl, supportUrl, themeMode } from '@/lib/tenants/tenant-fields';
import type { TenantPatch } from '@/lib/tenants/update-tenant';
import { UsageError, flagValue } from './cli-io';

/** The tenant:update flags that set the brand (name and accent stay with the others). */
export const BRAND_FLAGS = {
  'logo-url': { type: 'string' },
  'logo-file': { type: 'string' },
  'support-url': { type: 'string' },
  'privacy-url': { type: 'string' },
  'hide-powered-by': { type: 'boolean' },
  'show-powered-by': { type: 'boolean' },
  theme: { type: 'string' },
} as const;

type BrandFlagValues = {
  'logo-url'?: string;
  'logo-file'?: string;
  'support-url'?: string;
  'privacy-url'?: string;
  'hide-powered-by'?: boolean;
  'show-powered-by'?: boolean;
  theme?: string;
};

function readLogoFile(filePath: string) {
  let size: number;
  try {
    size = fs.statSync(filePath).size;
  } catch {
    throw new UsageError(`--logo-file cannot read ${filePath}`, 'logo-file');
  }
  // Refused before reading, so a huge file is never loaded.
  if (size > MAX_LOGO_BYTES) throw new UsageError('--logo-file must be at most 256 KiB', 'logo-file');
  try {
    return inspectLogoFile(fs.readFileSync(filePath));
  } catch (error) {
    if (error instanceof LogoFileError) throw new UsageError(`--logo-file ${error.message}`, 'logo-file');
    throw error;
  }
}

/** Validates the brand flags into a patch; what a sanitised SVG lost is reported as warnings. */
export function brandPatch(flags: BrandFlagValues): { patch: TenantPatch; warnings: string[] } {
  const patch: TenantPatch = {};
  const warnings: string[] = [];
  if (flags['logo-url'] !== undefined && flags['logo-file'] !== undefined)
    throw new UsageError('--logo-url and --logo-file cannot be used together', 'logo-file');
  if (flags['hide-powered-by'] && flags['show-powered-by'])
    throw new UsageError(
      '--hide-powered-by and --show-powered-by cannot be used together',
      'hide-powered-by',
    );
  if (flags['logo-url'] !== undefined) patch.logoUrl = flagValue(logoUrl, flags['logo-url'], 'logo-url');
  if (flags['logo-file'] !== undefined) {
    patch.logoFile = readLogoFile(flags['logo-file']);
    warnings.push(...patch.logoFile.removed.map((item) => `logo-file: removed ${item}`));
  }
  if (flags['support-url'] !== undefined)
    patch.supportUrl = flagValue(supportUrl, flags['support-url'], 'support-url');
  if (flags['privacy-url'] !== undefined)
    patch.privacyUrl = flagValue(privacyUrl, flags['privacy-url'], 'privacy-url');
  if (flags['hide-powered-by']) patch.showPoweredBy = false;
  if (flags['show-powered-by']) patch.showPoweredBy = true;
  if (flags.theme !== undefined) patch.theme = flagValue(themeMode, flags.theme, 'theme');
  return { patch, warnings };
}
