import { describe, expect, it } from 'vitest';
import { parseHost } from '@/lib/tenants/parse-host';

// The edges of parseHost that decide which tenant a request belongs to.
describe('parseHost at the edges', () => {
  const root = 'portal.example.com';

  it('does not take a host that merely ends in the root name for a subdomain', () => {
    expect(parseHost('evilportal.example.com', root)).toEqual({
      kind: 'custom',
      domain: 'evilportal.example.com',
    });
    expect(parseHost('acme-portal.example.com', root)).toEqual({
      kind: 'custom',
      domain: 'acme-portal.example.com',
    });
  });

  it('treats www. on the root as the apex', () => {
    expect(parseHost('www.portal.example.com', root)).toEqual({ kind: 'apex' });
    expect(parseHost('WWW.portal.example.com.', root)).toEqual({ kind: 'apex' });
  });

  it('ignores surrounding whitespace and the case of the root', () => {
    expect(parseHost('  acme.portal.example.com \t', root)).toEqual({ kind: 'subdomain', slug: 'acme' });
    expect(parseHost('acme.portal.example.com', 'Portal.Example.COM')).toEqual({
      kind: 'subdomain',
      slug: 'acme',
    });
  });

  it('is invalid for a missing host', () => {
    expect(parseHost(null, root)).toEqual({ kind: 'invalid' });
    expect(parseHost(undefined, root)).toEqual({ kind: 'invalid' });
    expect(parseHost('   ', root)).toEqual({ kind: 'invalid' });
  });

  it('takes the whole label before the root as the slug, 2 to 40 characters', () => {
    expect(parseHost('ab.cd.portal.example.com', root)).toEqual({ kind: 'invalid' });
    expect(parseHost('ab.portal.example.com', root)).toEqual({ kind: 'subdomain', slug: 'ab' });
    expect(parseHost(`${'a'.repeat(40)}.portal.example.com`, root)).toEqual({
      kind: 'subdomain',
      slug: 'a'.repeat(40),
    });
    expect(parseHost(`${'a'.repeat(41)}.portal.example.com`, root)).toEqual({ kind: 'invalid' });
  });

  it('refuses characters and ports a Host header cannot carry', () => {
    for (const host of [
      'acme_x.com',
      'acme.com:123456',
      'acme.com:',
      'ac me.com',
      'acme.com:80:80',
      'xacme.com/',
    ]) {
      expect(parseHost(host, root)).toEqual({ kind: 'invalid' });
    }
    expect(parseHost('acme.com:1', root)).toEqual({ kind: 'custom', domain: 'acme.com' });
    expect(parseHost('acme.com:65535', root)).toEqual({ kind: 'custom', domain: 'acme.com' });
  });

  it('drops only a trailing dot', () => {
    expect(parseHost('devices.acme.com.', root)).toEqual({ kind: 'custom', domain: 'devices.acme.com' });
  });
});
