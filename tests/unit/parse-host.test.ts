import { describe, expect, it } from 'vitest';
import { parseHost } from '@/lib/tenants/parse-host';

describe('parseHost', () => {
  const root = 'portal.example.com';
  it.each([
    ['portal.example.com', { kind: 'apex' }],
    ['acme.portal.example.com', { kind: 'subdomain', slug: 'acme' }],
    ['ACME.Portal.Example.com.', { kind: 'subdomain', slug: 'acme' }],
    ['devices.acme.com', { kind: 'custom', domain: 'devices.acme.com' }],
    ['devices.acme.com:8443', { kind: 'custom', domain: 'devices.acme.com' }],
    ['a.b.portal.example.com', { kind: 'invalid' }],
    ['x.portal.example.com', { kind: 'invalid' }],
    ['', { kind: 'invalid' }],
    ['evil.com/acme', { kind: 'invalid' }],
    ['localhost', { kind: 'invalid' }],
  ])('%s', (host, expected) => {
    expect(parseHost(host, root)).toEqual(expected);
  });

  it('keeps the port for local roots', () => {
    expect(parseHost('acme.localhost:3000', 'localhost:3000')).toEqual({ kind: 'subdomain', slug: 'acme' });
    expect(parseHost('acme.localhost:4000', 'localhost:3000')).toEqual({
      kind: 'custom',
      domain: 'acme.localhost',
    });
  });
});
