import { lookup } from 'node:dns/promises';
import { BlockList, type LookupFunction, isIP, isIPv6 } from 'node:net';

/**
 * SSRF guard for tenant webhook URLs. A URL is checked when it is added (scheme, credentials, literal
 * addresses, loopback names) and again before every delivery on the addresses its host resolves to,
 * because DNS can change after the check (rebinding). The request then connects to the vetted address
 * itself (`pinnedLookup`), so a second DNS answer can never be used.
 */

export type ResolvedAddress = { address: string; family: number };
/** Answers every address of a host name; injectable so tests can play DNS. */
export type AddressResolver = (hostname: string) => Promise<ResolvedAddress[]>;
export type UrlGuardOptions = { allowLoopback: boolean };

export class UnsafeUrlError extends Error {
  override name = 'UnsafeUrlError';
}

export const resolveWithSystemDns: AddressResolver = (hostname) =>
  lookup(hostname, { all: true, verbatim: true });

/** The same resolver, giving up after `ms`: getaddrinfo alone may take far longer than an attempt may. */
export function resolverWithDeadline(resolver: AddressResolver, ms: number): AddressResolver {
  return (hostname) =>
    Promise.race([
      resolver(hostname),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`DNS lookup of ${hostname} took over ${ms} ms`)), ms).unref(),
      ),
    ]);
}

type Rule = { reason: string; isLoopback?: true; v4: Array<[string, number]>; v6: Array<[string, number]> };

// Order matters: the first matching rule names the reason (metadata before link-local, loopback before ::/96).
const RULES: Rule[] = [
  { reason: 'the cloud metadata address', v4: [['169.254.169.254', 32]], v6: [['fd00:ec2::254', 128]] },
  { reason: 'a loopback address', isLoopback: true, v4: [['127.0.0.0', 8]], v6: [['::1', 128]] },
  {
    reason: 'a private address',
    v4: [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
    ],
    v6: [['fc00::', 7]],
  },
  { reason: 'a link-local address', v4: [['169.254.0.0', 16]], v6: [['fe80::', 10]] },
  { reason: 'a shared (carrier-grade NAT) address', v4: [['100.64.0.0', 10]], v6: [] },
  { reason: 'a multicast address', v4: [['224.0.0.0', 4]], v6: [['ff00::', 8]] },
  {
    // Each embeds an IPv4 address a gateway or relay may forward to (6to4 2002:a9fe:a9fe:: is
    // 169.254.169.254); refused whole rather than unwrapped, as no tenant needs one.
    reason: 'an IPv6 address that carries an IPv4 one',
    v4: [],
    v6: [
      ['2002::', 16], // 6to4
      ['2001::', 32], // Teredo
      ['64:ff9b::', 96], // NAT64, well-known prefix
      ['64:ff9b:1::', 48], // NAT64, local-use prefix
      ['::ffff:0:0:0', 96], // IPv4-translated (SIIT)
    ],
  },
  {
    reason: 'a documentation address',
    v4: [
      ['192.0.2.0', 24],
      ['198.51.100.0', 24],
      ['203.0.113.0', 24],
    ],
    v6: [
      ['2001:db8::', 32],
      ['3fff::', 20],
    ],
  },
  {
    reason: 'a reserved address',
    // this network, IETF protocol assignments, the 6to4 relay anycast, benchmarking, class E and broadcast
    v4: [
      ['0.0.0.0', 8],
      ['192.0.0.0', 24],
      ['192.88.99.0', 24],
      ['198.18.0.0', 15],
      ['240.0.0.0', 4],
    ],
    // unspecified and IPv4-compatible, discard, site-local
    v6: [
      ['::', 96],
      ['100::', 64],
      ['fec0::', 10],
    ],
  },
];

const COMPILED = RULES.map((rule) => {
  const list = new BlockList();
  for (const [net, prefix] of rule.v4) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of rule.v6) list.addSubnet(net, prefix, 'ipv6');
  return { rule, list };
});

/** `::ffff:10.0.0.1` in any spelling → `10.0.0.1`, so it meets the IPv4 rules and names their reason. */
function unwrapMappedIPv4(address: string): string {
  if (!isIPv6(address)) return address;
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const match = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!match?.[1] || !match[2]) return canonical;
  const high = Number.parseInt(match[1], 16);
  const low = Number.parseInt(match[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

const LOOPBACK = COMPILED.find(({ rule }) => rule.isLoopback);

function isLoopbackAddress(address: string): boolean {
  const plain = unwrapMappedIPv4(address.replace(/%.*$/, ''));
  const family = isIP(plain);
  return family !== 0 && LOOPBACK !== undefined && LOOPBACK.list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why an address may not receive webhooks, or null when it may. */
export function forbiddenAddressReason(address: string, options: UrlGuardOptions): string | null {
  const plain = unwrapMappedIPv4(address.replace(/%.*$/, ''));
  const family = isIP(plain);
  if (family === 0) return 'not an IP address';
  for (const { rule, list } of COMPILED) {
    if (!list.check(plain, family === 4 ? 'ipv4' : 'ipv6')) continue;
    if (rule.isLoopback && options.allowLoopback) return null;
    return `${rule.reason} (${plain})`;
  }
  return null;
}

function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

/** The checks that need no DNS; throws UnsafeUrlError with a reason that reads after "url ". */
export function checkWebhookUrl(raw: string, options: UrlGuardOptions): URL {
  if (!URL.canParse(raw)) throw new UnsafeUrlError('is not a valid URL');
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UnsafeUrlError(`must use https (got ${url.protocol})`);
  if (url.username || url.password) throw new UnsafeUrlError('must not contain a user name or password');
  const hostname = bareHostname(url);
  if (!hostname) throw new UnsafeUrlError('must name a host');
  if (isIP(hostname)) {
    const reason = forbiddenAddressReason(hostname, options);
    if (reason) throw new UnsafeUrlError(`points at ${reason}`);
  } else if (isLoopbackName(hostname) && !options.allowLoopback) {
    throw new UnsafeUrlError(`points at a loopback host name (${hostname})`);
  }
  if (url.protocol === 'http:') {
    if (!options.allowLoopback)
      throw new UnsafeUrlError('must use https (http is allowed only with WEBHOOKS_ALLOW_LOOPBACK=1)');
    // The flag is for local development: plain http to anything but this machine stays refused.
    // A host name is held to the same rule on its resolved addresses (vetWebhookTarget).
    const isLoopbackHost = isIP(hostname) ? isLoopbackAddress(hostname) : true;
    if (!isLoopbackHost)
      throw new UnsafeUrlError('must use https (http is allowed only to a loopback address)');
  }
  return url;
}

/**
 * Resolves the URL's host and returns the one address to connect to. Refuses when any answer is
 * forbidden: an attacker who controls DNS could otherwise mix a private address into the answers.
 */
export async function vetWebhookTarget(
  url: URL,
  options: UrlGuardOptions & { resolver: AddressResolver },
): Promise<ResolvedAddress> {
  checkWebhookUrl(url.href, options);
  const hostname = bareHostname(url);
  const literal = isIP(hostname);
  const answers = literal ? [{ address: hostname, family: literal }] : await options.resolver(hostname);
  const [first] = answers;
  if (!first) throw new UnsafeUrlError(`host ${hostname} does not resolve`);
  for (const answer of answers) {
    const reason = forbiddenAddressReason(answer.address, options);
    if (reason) throw new UnsafeUrlError(`resolves to ${reason}`);
    if (url.protocol === 'http:' && !isLoopbackAddress(answer.address)) {
      throw new UnsafeUrlError(
        `resolves to a non-loopback address (${answer.address}), and http is allowed only to loopback`,
      );
    }
  }
  return first;
}

/** A `lookup` for node:http(s) that always answers the vetted address, so DNS is not asked again. */
export function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}
