import { describe, expect, it } from 'vitest';
import {
  type AddressResolver,
  checkWebhookUrl,
  forbiddenAddressReason,
  vetWebhookTarget,
} from '@/lib/security/url-guard';

const strict = { allowLoopback: false };
const loopbackAllowed = { allowLoopback: true };
const answers =
  (...addresses: string[]): AddressResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('webhook URL guard', () => {
  it.each([
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['127.0.0.1', 'a loopback address'],
    ['127.8.8.8', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['169.254.169.254', 'the cloud metadata address'],
    ['fd00:ec2::254', 'the cloud metadata address'],
    ['169.254.10.10', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['fc00::1', 'a private address'],
    ['fd12:3456::1', 'a private address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['0.0.0.0', 'a reserved address'],
    ['0.1.2.3', 'a reserved address'],
    ['::', 'a reserved address'],
    ['255.255.255.255', 'a reserved address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['::ffff:10.0.0.1', 'a private address (10.0.0.1)'],
    ['::ffff:a9fe:a9fe', 'the cloud metadata address (169.254.169.254)'],
    ['0:0:0:0:0:ffff:7f00:1', 'a loopback address (127.0.0.1)'],
    ['64:ff9b::a00:1', 'an IPv6 address that carries an IPv4 one'],
  ])('refuses %s as %s', (address, reason) => {
    expect(forbiddenAddressReason(address, strict)).toContain(reason);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
  ])('accepts the public address %s', (address) => {
    expect(forbiddenAddressReason(address, strict)).toBeNull();
  });

  it('allows loopback, and only loopback, with the operator flag', () => {
    expect(forbiddenAddressReason('127.0.0.1', loopbackAllowed)).toBeNull();
    expect(forbiddenAddressReason('::1', loopbackAllowed)).toBeNull();
    expect(forbiddenAddressReason('10.0.0.1', loopbackAllowed)).toContain('private');
    expect(forbiddenAddressReason('169.254.169.254', loopbackAllowed)).toContain('metadata');
  });

  it.each([
    ['http://169.254.169.254/', 'points at the cloud metadata address (169.254.169.254)'],
    ['https://10.0.0.1/', 'points at a private address (10.0.0.1)'],
    ['https://localhost/', 'points at a loopback host name (localhost)'],
    ['https://api.localhost./hook', 'points at a loopback host name (api.localhost)'],
    ['ftp://x', 'must use https (got ftp:)'],
    ['http://example.com/hook', 'must use https'],
    ['https://user:pass@example.com/', 'must not contain a user name or password'],
    ['not a url', 'is not a valid URL'],
    ['https://[::1]/', 'points at a loopback address (::1)'],
    ['https://0x7f.1/', 'points at a loopback address (127.0.0.1)'],
    ['https://2130706433/', 'points at a loopback address (127.0.0.1)'],
    ['https://[::ffff:192.168.0.1]/', 'points at a private address (192.168.0.1)'],
  ])('refuses %s when added: url %s', (url, reason) => {
    expect(() => checkWebhookUrl(url, strict)).toThrow(reason);
  });

  it('accepts https anywhere public, and http or localhost only with the flag', () => {
    expect(checkWebhookUrl('https://hooks.example.com/in', strict).href).toBe('https://hooks.example.com/in');
    expect(checkWebhookUrl('http://127.0.0.1:8080/in', loopbackAllowed).port).toBe('8080');
    expect(checkWebhookUrl('https://localhost/', loopbackAllowed).hostname).toBe('localhost');
    expect(() => checkWebhookUrl('http://10.0.0.1/', loopbackAllowed)).toThrow('private');
  });

  it('checks every address a host resolves to, at delivery time', async () => {
    const url = new URL('https://hooks.example.com/in');
    await expect(vetWebhookTarget(url, { ...strict, resolver: answers('93.184.216.34') })).resolves.toEqual({
      address: '93.184.216.34',
      family: 4,
    });
    await expect(
      vetWebhookTarget(url, { ...strict, resolver: answers('93.184.216.34', '10.0.0.5') }),
    ).rejects.toThrow('resolves to a private address (10.0.0.5)');
    await expect(vetWebhookTarget(url, { ...strict, resolver: answers('::ffff:127.0.0.1') })).rejects.toThrow(
      'resolves to a loopback address (127.0.0.1)',
    );
    await expect(vetWebhookTarget(url, { ...strict, resolver: answers() })).rejects.toThrow(
      'does not resolve',
    );
  });

  it.each([
    ['2002:a9fe:a9fe::', 'an IPv6 address that carries an IPv4 one (2002:a9fe:a9fe::)'],
    ['2002:7f00:1::1', 'an IPv6 address that carries an IPv4 one (2002:7f00:1::1)'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'an IPv6 address that carries an IPv4 one'],
    ['64:ff9b::a9fe:a9fe', 'an IPv6 address that carries an IPv4 one (64:ff9b::a9fe:a9fe)'],
    ['64:ff9b::7f00:1', 'an IPv6 address that carries an IPv4 one (64:ff9b::7f00:1)'],
    ['64:ff9b:1::a00:1', 'an IPv6 address that carries an IPv4 one'],
    ['::ffff:0:a9fe:a9fe', 'an IPv6 address that carries an IPv4 one (::ffff:0:a9fe:a9fe)'],
    ['192.88.99.1', 'a reserved address (192.88.99.1)'],
    ['198.18.0.1', 'a reserved address (198.18.0.1)'],
    ['198.19.255.255', 'a reserved address (198.19.255.255)'],
    ['fec0::1', 'a reserved address (fec0::1)'],
    ['192.0.2.10', 'a documentation address (192.0.2.10)'],
    ['198.51.100.7', 'a documentation address (198.51.100.7)'],
    ['203.0.113.200', 'a documentation address (203.0.113.200)'],
    ['2001:db8::1', 'a documentation address (2001:db8::1)'],
    ['255.255.255.255', 'a reserved address (255.255.255.255)'],
  ])('refuses %s, even with the loopback flag, as %s', (address, reason) => {
    expect(forbiddenAddressReason(address, strict)).toContain(reason);
    expect(forbiddenAddressReason(address, loopbackAllowed)).toContain(reason);
  });

  it('refuses the 6to4 wrapping of the metadata address when added, with and without the flag', () => {
    const url = 'https://[2002:a9fe:a9fe::]/h';
    const reason = 'url points at an IPv6 address that carries an IPv4 one (2002:a9fe:a9fe::)';
    expect(() => checkWebhookUrl(url, strict)).toThrow(reason.slice('url '.length));
    expect(() => checkWebhookUrl(url, loopbackAllowed)).toThrow(reason.slice('url '.length));
  });

  it('lets the loopback flag allow http to loopback only, when added', () => {
    expect(checkWebhookUrl('http://[::1]:8080/in', loopbackAllowed).port).toBe('8080');
    expect(checkWebhookUrl('http://localhost:8080/in', loopbackAllowed).hostname).toBe('localhost');
    expect(() => checkWebhookUrl('http://93.184.216.34/h', loopbackAllowed)).toThrow(
      'must use https (http is allowed only to a loopback address)',
    );
    expect(() => checkWebhookUrl('http://[2606:4700:4700::1111]/h', loopbackAllowed)).toThrow(
      'must use https (http is allowed only to a loopback address)',
    );
  });

  it('lets the loopback flag allow http to loopback only, at delivery', async () => {
    const url = new URL('http://example.com/h');
    await expect(
      vetWebhookTarget(url, { ...loopbackAllowed, resolver: answers('93.184.216.34') }),
    ).rejects.toThrow(
      'resolves to a non-loopback address (93.184.216.34), and http is allowed only to loopback',
    );
    await expect(
      vetWebhookTarget(url, { ...loopbackAllowed, resolver: answers('127.0.0.1', '93.184.216.34') }),
    ).rejects.toThrow(
      'resolves to a non-loopback address (93.184.216.34), and http is allowed only to loopback',
    );
    await expect(
      vetWebhookTarget(url, { ...loopbackAllowed, resolver: answers('127.0.0.1') }),
    ).resolves.toEqual({
      address: '127.0.0.1',
      family: 4,
    });
    await expect(
      vetWebhookTarget(new URL('https://example.com/h'), {
        ...loopbackAllowed,
        resolver: answers('93.184.216.34'),
      }),
    ).resolves.toEqual({ address: '93.184.216.34', family: 4 });
  });

  it('refuses at delivery a host that resolves to a 6to4 or NAT64 wrapping, with the flag too', async () => {
    const url = new URL('https://hooks.example.com/in');
    await expect(
      vetWebhookTarget(url, { ...loopbackAllowed, resolver: answers('2002:a9fe:a9fe::') }),
    ).rejects.toThrow('resolves to an IPv6 address that carries an IPv4 one (2002:a9fe:a9fe::)');
    await expect(
      vetWebhookTarget(url, { ...strict, resolver: answers('64:ff9b::a9fe:a9fe') }),
    ).rejects.toThrow('resolves to an IPv6 address that carries an IPv4 one (64:ff9b::a9fe:a9fe)');
  });

  it('does not ask DNS about an IP literal', async () => {
    const resolver: AddressResolver = async () => {
      throw new Error('DNS must not be asked');
    };
    await expect(
      vetWebhookTarget(new URL('https://93.184.216.34/x'), { ...strict, resolver }),
    ).resolves.toMatchObject({ address: '93.184.216.34' });
  });
});
