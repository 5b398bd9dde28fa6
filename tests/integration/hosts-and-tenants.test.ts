import { describe, expect, inject, it } from 'vitest';
import { request } from '../support/http';

const origin = inject('origin');
const root = inject('rootDomain');
const acmeHost = `acme.${root}`;

describe('tenants by host', () => {
  it('serves a tenant subdomain with its name', async () => {
    const res = await request(origin, { host: acmeHost, path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Acme Health');
  });

  it('forbids framing and sniffing on every page', async () => {
    const res = await request(origin, { host: acmeHost, path: '/' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps every portal page out of search indexes, and serves robots.txt and the icons on tenant hosts', async () => {
    for (const [host, path] of [
      [acmeHost, '/'],
      [acmeHost, '/expired?reason=session'],
      [root, '/'],
    ] as const) {
      expect((await request(origin, { host, path })).headers['x-robots-tag'], `${host}${path}`).toBe(
        'noindex',
      );
    }
    const robots = await request(origin, { host: acmeHost, path: '/robots.txt' });
    expect([robots.status, robots.body]).toEqual([200, 'User-agent: *\nDisallow: /\n']);
    for (const [path, type] of [
      ['/favicon.ico', 'image/x-icon'],
      ['/icon.svg', 'image/svg+xml'],
      ['/apple-touch-icon.png', 'image/png'],
    ] as const) {
      const icon = await request(origin, { host: acmeHost, path });
      expect([icon.status, icon.headers['content-type']], path).toEqual([200, type]);
    }
    // A tenant without a logo names the default icons in its pages.
    const page = await request(origin, { host: acmeHost, path: '/' });
    expect(page.body).toContain('<link rel="icon" href="/favicon.ico" sizes="48x48"');
  });

  it("offers the signed-out page's return URL only when it is on the tenant's allow-list", async () => {
    const page = (returnUrl: string) =>
      request(origin, { host: acmeHost, path: `/signed-out?return_url=${encodeURIComponent(returnUrl)}` });
    const allowed = await page('https://app.acme.test/settings/devices');
    expect(allowed.status).toBe(200);
    expect(allowed.body).toContain('href="https://app.acme.test/settings/devices"');
    for (const foreign of ['https://evil.example/phish', 'javascript:alert(1)', '//evil.example/x']) {
      const refused = await page(foreign);
      expect(refused.status, foreign).toBe(200);
      // Never as a link (the address itself may appear in Next's page data, as text).
      expect(refused.body, foreign).not.toMatch(/href="(https:)?\/\/evil\.example|href="javascript:/);
      // Acme sets no app_url here, so there is no way back to offer at all.
      expect(refused.body, foreign).not.toContain('Back to Acme Health');
    }
  });

  it('answers 404 for an unknown tenant without any tenant data', async () => {
    const res = await request(origin, { host: `nobody.${root}`, path: '/' });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('Acme Health');
    expect(res.body).not.toContain('Globex');
  });

  it('serves a neutral landing page on the apex', async () => {
    const res = await request(origin, { host: root, path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Connections Portal');
    expect(res.body).not.toContain('Acme Health');
  });

  it('ignores client routing headers that name another tenant', async () => {
    const res = await request(origin, {
      host: acmeHost,
      path: '/',
      headers: {
        'x-tenant': 'globex',
        'x-tenant-slug': 'globex',
        'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Acme Health');
    expect(res.body).not.toContain('Globex');
  });

  it('refuses direct requests for the internal /t/ tree on any host', async () => {
    for (const host of [acmeHost, root]) {
      for (const path of [`/t/globex.${root}`, `/t/globex.${root}/`, '/t/anything/devices']) {
        const res = await request(origin, { host, path });
        const finalStatus =
          res.status === 308
            ? (await request(origin, { host, path: res.headers.location ?? '' })).status
            : res.status;
        expect(finalStatus, `${host}${path}`).toBe(404);
      }
    }
  });

  it('never reflects a spoofed X-Forwarded-Host in route handlers or next-auth', async () => {
    const spoof = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    for (const path of [
      '/api/health',
      '/api/auth/providers',
      '/api/auth/csrf',
      '/api/auth/signin',
      '/api/auth/signout',
    ]) {
      const res = await request(origin, { host: acmeHost, path, headers: spoof });
      expect(res.status, path).toBeLessThan(500);
      expect(res.body, path).not.toContain('evil.example');
      expect(JSON.stringify(res.headers), path).not.toContain('evil.example');
    }
  });

  it('serves a verified custom domain and not an unverified one', async () => {
    const verified = await request(origin, { host: 'devices.acme.test', path: '/' });
    expect(verified.status).toBe(200);
    expect(verified.body).toContain('Acme Health');
    const withPort = await request(origin, { host: 'devices.acme.test:443', path: '/' });
    expect(withPort.body).toContain('Acme Health');
    const unverified = await request(origin, { host: 'pending.acme.test', path: '/' });
    expect(unverified.status).toBe(404);
    expect(unverified.body).not.toContain('Acme Health');
  });
});
