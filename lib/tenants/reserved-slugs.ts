/**
 * Slugs no tenant may take: each is, or may become, a host of the portal itself on
 * `{slug}.{PORTAL_ROOT_DOMAIN}` (`www` already is the apex), or a name mail and DNS treat specially.
 * README.md's CLI section lists them; keep the two in step.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'www',
  'api',
  'admin',
  'console',
  'static',
  'mail',
  'auth',
  'app',
  'assets',
  'cdn',
  'docs',
  'status',
  'help',
  'support',
  'portal',
  'smtp',
  'ftp',
  'ns1',
  'ns2',
  'localhost',
]);

export const RESERVED_SLUG_MESSAGE = 'is reserved for the portal itself; choose another name';
export const HYPHEN_PAIR_MESSAGE = 'must not have -- in positions 3 and 4 (punycode such as xn-- is refused)';

/** Why a well-formed slug still cannot name a tenant, or undefined when it can. */
export function slugRefusal(slug: string): string | undefined {
  if (RESERVED_SLUGS.has(slug)) return RESERVED_SLUG_MESSAGE;
  // RFC 5891 reserves "??--" labels for encodings: xn-- is punycode, whose homographs pass for
  // other tenants' names in the address bar.
  if (slug.slice(2, 4) === '--') return HYPHEN_PAIR_MESSAGE;
  return undefined;
}
