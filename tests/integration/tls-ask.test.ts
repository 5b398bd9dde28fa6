import { describe, expect, inject, it } from 'vitest';
import { request } from '../support/http';

// Caddy's on_demand_tls asks before it requests a certificate (SPEC §18): only names we serve.
const origin = inject('origin');

async function ask(domain: string | null) {
  const query = domain === null ? '' : `?domain=${encodeURIComponent(domain)}`;
  return request(origin, { host: 'localhost', path: `/api/tls/ask${query}` });
}

describe('GET /api/tls/ask', () => {
  it('answers 200 for a tenant subdomain and a verified custom domain', async () => {
    expect((await ask('acme.localhost')).status).toBe(200);
    expect((await ask('DEVICES.ACME.TEST')).status).toBe(200);
  });

  it('answers 404 for an unverified custom domain, an unknown tenant, a foreign name and the apex', async () => {
    // www.{root} is the apex's other name; the apex itself is in the load balancer's configuration.
    for (const domain of ['pending.acme.test', 'nobody.localhost', 'example.org', 'www.localhost']) {
      const res = await ask(domain);
      expect([domain, res.status]).toEqual([domain, 404]);
      expect(res.json<{ error: { param: string } }>().error.param).toBe('domain');
    }
  });

  it('answers 400 naming the field for a missing or malformed domain', async () => {
    for (const domain of [null, '', 'acme.localhost:443', 'a b.test', `${'x'.repeat(250)}.test`]) {
      const res = await ask(domain);
      expect([domain, res.status]).toEqual([domain, 400]);
      expect(res.json<{ error: { param: string } }>().error.param).toBe('domain');
    }
  });
});
