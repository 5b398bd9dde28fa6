import { slugRefusal } from './reserved-slugs';

/** Pure string work shared by proxy.ts and tenant resolution: which kind of host is this? */
export type ParsedHost =
  | { kind: 'apex' }
  | { kind: 'subdomain'; slug: string }
  | { kind: 'custom'; domain: string }
  | { kind: 'invalid' };

const HOST_PATTERN = /^[a-z0-9.-]+(:\d{1,5})?$/;
const SLUG_PATTERN = /^[a-z0-9-]{2,40}$/;

export function parseHost(rawHost: string | null | undefined, rootDomain: string): ParsedHost {
  const host = (rawHost ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (!host || !HOST_PATTERN.test(host)) return { kind: 'invalid' };
  const root = rootDomain.toLowerCase();
  if (host === root || host === `www.${root}`) return { kind: 'apex' };
  if (host.endsWith(`.${root}`)) {
    const slug = host.slice(0, -root.length - 1);
    const isTenantSlug = SLUG_PATTERN.test(slug) && slugRefusal(slug) === undefined;
    return isTenantSlug ? { kind: 'subdomain', slug } : { kind: 'invalid' };
  }
  // Custom domains are matched without a port: DNS and TLS certificates know nothing of ports.
  const domain = host.replace(/:\d+$/, '');
  return domain.includes('.') ? { kind: 'custom', domain } : { kind: 'invalid' };
}
