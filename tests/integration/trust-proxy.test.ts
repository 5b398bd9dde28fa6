import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import { apiClient } from '../support/api';
import { request } from '../support/http';
import { seedWorld } from '../support/seed-world';
import {
  TEST_SECRETS,
  type TestServer,
  freePort,
  freshPgliteDir,
  serverEnv,
  startTestServer,
} from '../support/test-server';

// SPEC §3 and §10: TRUST_PROXY=1 is for a portal behind a load balancer that sets X-Forwarded-*.
// Then the first X-Forwarded-For hop is the client (link failure limit, audit rows) and the
// balancer's X-Forwarded-Host/-Proto reach next-auth; without it (the suite's main server) every
// client-sent X-Forwarded-* is ignored. URLs we hand out come from configuration either way.

const databaseUrl = inject('serverEnv').DATABASE_URL;
const root = inject('rootDomain');
const acmeHost = `acme.${root}`;
const mainOrigin = inject('origin');
const LIMIT = 3;
const BAD_TOKEN = 'z'.repeat(43);
// The balancer: one socket address for every client behind it.
const BALANCER = '127.0.0.90';

let server: TestServer;
let pgliteDir = '';
let acmeKey = '';
let acmeTenantId = '';

beforeAll(async () => {
  const port = await freePort();
  // On PostgreSQL the second server shares the suite's database and tenants; an embedded PGlite
  // directory belongs to one process, so on PGlite it gets a directory of its own, seeded the same way.
  pgliteDir = freshPgliteDir('trust-proxy');
  const world = databaseUrl
    ? inject('world')
    : await seedWorld({
        pgliteDir,
        tenants: [
          { slug: 'acme', name: 'Acme Health', domains: [{ domain: 'devices.acme.test', verified: true }] },
        ],
      });
  const acme = world.tenants.acme;
  if (!acme) throw new Error('no acme tenant');
  acmeKey = acme.apiKey;
  acmeTenantId = acme.id;
  const env = serverEnv({
    port,
    rootDomain: root,
    databaseUrl,
    pgliteDir,
    extra: { TRUST_PROXY: '1', LINK_FAILURE_LIMIT_PER_MINUTE: String(LIMIT) },
  });
  server = await startTestServer({ port, env });
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(pgliteDir, { recursive: true, force: true });
});

function guessFrom(target: string, forwardedFor: string) {
  return request(target, {
    host: acmeHost,
    path: `/l/${BAD_TOKEN}`,
    method: 'POST',
    localAddress: BALANCER,
    headers: { 'x-forwarded-for': forwardedFor },
  });
}

describe('TRUST_PROXY=1', () => {
  it('counts link failures per first X-Forwarded-For hop: one client behind the balancer is limited, another is not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i += 1)
      statuses.push((await guessFrom(server.origin, '198.51.100.7, 10.0.0.1')).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    // Same balancer socket, same last hop, another client: not throttled.
    expect((await guessFrom(server.origin, '198.51.100.8, 10.0.0.1')).status).toBe(404);
  });

  it('keeps the balancer’s X-Forwarded-Host/-Proto for next-auth, but builds portal links from configuration', async () => {
    const res = await request(server.origin, {
      host: acmeHost,
      path: '/api/auth/signin',
      headers: { 'x-forwarded-host': 'devices.acme.test', 'x-forwarded-proto': 'https' },
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toContain(`callbackUrl=${encodeURIComponent('https://devices.acme.test')}`);

    const minted = await apiClient(server.origin, acmeKey).mintLink(
      { reference_id: 'behind-balancer' },
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    );
    expect(minted.status).toBe(201);
    const url = new URL(minted.json<{ url: string }>().url);
    // acme's verified custom domain, as configured: not the forwarded host.
    expect(url.origin).toBe('http://devices.acme.test');
    expect(url.pathname).toMatch(/^\/l\/[A-Za-z0-9_-]{43,}$/);
  });

  it('records the first X-Forwarded-For hop as the address of an audit row', async () => {
    const refused = await request(server.origin, {
      host: acmeHost,
      path: `/l/${BAD_TOKEN}`,
      method: 'POST',
      localAddress: BALANCER,
      headers: {
        'x-forwarded-for': '198.51.100.9, 10.0.0.1',
        'sec-fetch-site': 'cross-site',
        'user-agent': 'trust-proxy-test/1',
      },
    });
    expect(refused.status).toBe(403);
    const requestId = refused.headers['x-request-id'];
    // The server holds an embedded database: stop it before reading (PostgreSQL would not need to).
    await server.stop();
    Object.assign(process.env, TEST_SECRETS);
    const { db, close } = await openDatabase({ databaseUrl, pgliteDir });
    try {
      const rows = await db
        .select({ ip: auditEvents.ip, userAgent: auditEvents.userAgent, outcome: auditEvents.outcome })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.tenantId, acmeTenantId),
            eq(auditEvents.action, 'portal_link.cross_site_post_refused'),
            eq(auditEvents.requestId, String(requestId)),
          ),
        );
      expect(rows).toEqual([{ ip: '198.51.100.9', userAgent: 'trust-proxy-test/1', outcome: 'refused' }]);
    } finally {
      await close();
    }
  });
});

describe('without TRUST_PROXY (the suite’s server)', () => {
  it('ignores a client-sent X-Forwarded-For: two sockets naming the same first hop are two clients', async () => {
    // The main server's limit is 20 failures a minute per client address.
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const res = await request(mainOrigin, {
        host: acmeHost,
        path: `/l/${BAD_TOKEN}`,
        method: 'POST',
        localAddress: '127.0.0.91',
        headers: { 'x-forwarded-for': '198.51.100.20' },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(19)).toEqual([404, 429]);
    const other = await request(mainOrigin, {
      host: acmeHost,
      path: `/l/${BAD_TOKEN}`,
      method: 'POST',
      localAddress: '127.0.0.92',
      headers: { 'x-forwarded-for': '198.51.100.20' },
    });
    expect(other.status).toBe(404);
  });

  it('ignores a client-sent X-Forwarded-Host/-Proto: next-auth builds from Host and the configured scheme', async () => {
    const res = await request(mainOrigin, {
      host: acmeHost,
      path: '/api/auth/signin',
      headers: { 'x-forwarded-host': 'devices.acme.test', 'x-forwarded-proto': 'https' },
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toContain(`callbackUrl=${encodeURIComponent(`http://${acmeHost}`)}`);
    expect(res.headers.location).not.toContain('devices.acme.test');
  });
});
