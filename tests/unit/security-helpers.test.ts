import { describe, expect, it, vi } from 'vitest';

const env = vi.hoisted(() => ({ TRUST_PROXY: false }));
vi.mock('@/lib/env', () => ({ getEnv: () => env }));

const { clientOrigin } = await import('@/lib/security/client-origin');
const { escapeHtml } = await import('@/lib/security/escape-html');
const { constantTimeEqual, sha256Hex } = await import('@/lib/security/hash');
const { randomId, randomToken } = await import('@/lib/security/random-id');
const { checkReturnUrl, isAllowedReturnOriginShape } = await import('@/lib/security/return-url');

describe('clientOrigin', () => {
  const headers = (init: Record<string, string>) => new Headers(init);

  it('takes the hop the portal itself saw (the last) unless a trusted proxy is in front', () => {
    env.TRUST_PROXY = false;
    expect(
      clientOrigin(
        headers({ 'x-forwarded-for': '198.51.100.1, 10.0.0.2 , 203.0.113.9', 'user-agent': 'ua' }),
      ),
    ).toEqual({
      ip: '203.0.113.9',
      userAgent: 'ua',
      requestId: null,
    });
    env.TRUST_PROXY = true;
    expect(clientOrigin(headers({ 'x-forwarded-for': ' 198.51.100.1 ,10.0.0.2' }))).toEqual({
      ip: '198.51.100.1',
      userAgent: null,
      requestId: null,
    });
  });

  it('has no address when none was forwarded, and skips empty hops', () => {
    env.TRUST_PROXY = false;
    expect(clientOrigin(headers({}))).toEqual({ ip: null, userAgent: null, requestId: null });
    expect(clientOrigin(headers({ 'x-forwarded-for': ' , ' }))).toEqual({
      ip: null,
      userAgent: null,
      requestId: null,
    });
    expect(clientOrigin(headers({ 'x-forwarded-for': '203.0.113.9,' })).ip).toBe('203.0.113.9');
    env.TRUST_PROXY = true;
    expect(clientOrigin(headers({ 'x-forwarded-for': ',203.0.113.9' })).ip).toBe('203.0.113.9');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(escapeHtml('plain text: é ✓ / \\')).toBe('plain text: é ✓ / \\');
    expect(escapeHtml('<<>>')).toBe('&lt;&lt;&gt;&gt;');
  });
});

describe('hash helpers', () => {
  it('computes SHA-256 in hex (FIPS 180-2 test vectors)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('compares in constant time, false for different lengths instead of throwing', () => {
    expect(constantTimeEqual('secret', 'secret')).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('secret', 'secreT')).toBe(false);
    expect(constantTimeEqual('secret', 'secret!')).toBe(false);
    expect(constantTimeEqual('secret!', 'secret')).toBe(false);
  });
});

describe('random ids and tokens', () => {
  it('prefixes 96 random bits in base64url', () => {
    const id = randomId('conn');
    expect(id).toMatch(/^conn_[A-Za-z0-9_-]{16}$/);
    expect(Buffer.from(id.slice(5), 'base64url')).toHaveLength(12);
    expect(randomId('conn')).not.toBe(id);
  });

  it('makes 256-bit tokens of 43 base64url characters', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(randomToken()).not.toBe(token);
  });
});

describe('return URL rules', () => {
  const allowed = [
    'https://app.acme.com',
    'http://localhost:5173',
    'http://127.0.0.1:8080',
    'http://[::1]:3000',
  ];

  it('allows http only on loopback', () => {
    expect(checkReturnUrl('http://127.0.0.1:8080/x', allowed)).toBe('http://127.0.0.1:8080/x');
    expect(checkReturnUrl('http://[::1]:3000/x', allowed)).toBe('http://[::1]:3000/x');
    expect(checkReturnUrl('http://localhost:5173', allowed)).toBe('http://localhost:5173/');
    expect(isAllowedReturnOriginShape('http://app.localhost:3000')).toBe(true);
    expect(isAllowedReturnOriginShape('http://127.0.0.1:8080')).toBe(true);
    expect(isAllowedReturnOriginShape('http://[::1]:3000')).toBe(true);
    expect(isAllowedReturnOriginShape('http://localhost.evil.com')).toBe(false);
    expect(isAllowedReturnOriginShape('http://127.0.0.2')).toBe(false);
    expect(isAllowedReturnOriginShape('ftp://app.acme.com')).toBe(false);
  });

  it('refuses credentials, paths, queries and what does not parse in an allowed origin', () => {
    expect(isAllowedReturnOriginShape('https://app.acme.com/')).toBe(true);
    for (const value of [
      'https://user@app.acme.com',
      'https://:pw@app.acme.com',
      'https://app.acme.com?x=1',
      'https://app.acme.com#x',
      'https://app.acme.com//',
      'not a url',
      '',
    ]) {
      expect(isAllowedReturnOriginShape(value)).toBe(false);
    }
  });

  it('refuses a return URL with only a password, or on a scheme other than http(s)', () => {
    expect(checkReturnUrl('https://:pw@app.acme.com/', allowed)).toBeUndefined();
    expect(checkReturnUrl('ftp://app.acme.com/', ['ftp://app.acme.com'])).toBeUndefined();
    expect(checkReturnUrl('http://localhost:5173/x', [])).toBeUndefined();
  });
});
