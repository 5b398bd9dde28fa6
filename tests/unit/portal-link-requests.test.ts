import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as DbClient from '@/lib/db/client';
import type { Database } from '@/lib/db/client';
import { portalLinks, portalSessions } from '@/lib/db/schema';
import type { Tenant } from '@/lib/tenants/tenant';

// GET and POST /l/{token} as the route handlers call them, with Next's cookies, the process-wide
// database, the host → tenant lookup and the environment replaced.
const world = vi.hoisted(() => ({
  db: undefined as unknown as Database,
  tenants: new Map<string, Tenant>(),
  jar: new Map<string, string>(),
}));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (world.jar.has(name) ? { name, value: world.jar.get(name) } : undefined),
  }),
}));
vi.mock('@/lib/db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof DbClient>()),
  getDb: async () => world.db,
}));
vi.mock('@/lib/tenants/current-tenant', () => ({
  getTenantForHostSegment: async (segment: string) => world.tenants.get(decodeURIComponent(segment)) ?? null,
}));
vi.mock('@/lib/env', () => ({
  getEnv: () => ({
    NEXTAUTH_SECRET: 'unit-test-secret-0123456789abcdef0123',
    PORTAL_ENCRYPTION_KEY: 'unit-test-key-0123456789abcdef012345',
    PORTAL_PUBLIC_SCHEME: 'https',
    PORTAL_ROOT_DOMAIN: 'portal.test',
    LINK_FAILURE_LIMIT_PER_MINUTE: 3,
    TRUST_PROXY: false,
    LOG_LEVEL: 'silent',
  }),
}));

const { showPortalLink, submitPortalLink } = await import('@/lib/links/portal-link-requests');
const { decodeSessionToken, encodeSessionToken } = await import('@/lib/auth/session-token');
const { randomId } = await import('@/lib/security/random-id');
const { createTenant } = await import('@/lib/tenants/create-tenant');
const { memoryDbWithTenant } = await import('../support/memory-db');
const { insertPortalLink } = await import('../support/portal-links');

const HOST = 'acme.portal.test';
const ORIGIN = `https://${HOST}`;
let close: () => Promise<void>;
let acme: Tenant;
let globex: Tenant;
let ipCounter = 0;
let ip = '';

beforeAll(async () => {
  let db: Database;
  ({ db, close, tenant: acme } = await memoryDbWithTenant());
  world.db = db;
  globex = await createTenant(db, { slug: 'globex', name: 'Globex', source: 'sandbox', returnOrigins: [] });
  world.tenants.set(HOST, acme);
  world.tenants.set('globex.portal.test', globex);
}, 60_000);
afterAll(async () => close());
beforeEach(() => {
  world.jar.clear();
  ipCounter += 1;
  ip = `198.51.100.${ipCounter}`; // each test its own client address, so failure counts do not carry over
});

function get(token: string, headers: Record<string, string> = {}) {
  return showPortalLink(
    new Request(`${ORIGIN}/l/${token}`, { headers: { 'x-forwarded-for': ip, ...headers } }),
    { hostSegment: encodeURIComponent(HOST), token },
  );
}

function post(token: string, form: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return submitPortalLink(
    new Request(`${ORIGIN}/l/${token}`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', 'x-forwarded-for': ip, ...headers },
      body: new URLSearchParams(form),
    }),
    { hostSegment: encodeURIComponent(HOST), token },
  );
}

async function signedInAs(referenceId: string) {
  const id = randomId('ps');
  await world.db.insert(portalSessions).values({
    id,
    tenantId: acme.id,
    referenceId,
    linkId: 'pl_x',
    idleExpiresAt: new Date(Date.now() + 30 * 60_000),
    absoluteExpiresAt: new Date(Date.now() + 12 * 3_600_000),
  });
  world.jar.set('__Host-cp_session', await encodeSessionToken({ sid: id, tid: acme.id, ref: referenceId }));
  return id;
}

const link = (
  fields: Parameters<typeof insertPortalLink>[1] extends infer F ? Omit<F, 'tenantId'> : never = {},
) => insertPortalLink(world.db, { tenantId: acme.id, ...fields });

describe('GET /l/{token}', () => {
  it('shows the interstitial without redeeming, auto-submitting only redirect links', async () => {
    const redirectLink = await link({ channel: 'redirect' });
    const response = await get(redirectLink.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    const page = await response.text();
    expect(page).toContain('<form id="continue-form" method="post">');
    expect(page).toContain("document.getElementById('continue-form').submit();");
    const [row] = await world.db.select().from(portalLinks).where(eq(portalLinks.id, redirectLink.link.id));
    expect(row?.redeemedAt).toBeNull();

    const emailed = await link({ channel: 'email' });
    const emailPage = await (await get(emailed.token)).text();
    expect(emailPage).toContain('<form id="continue-form" method="post">');
    expect(emailPage).not.toContain('<script>');
  });

  it('answers 404 on a host with no tenant', async () => {
    const { token } = await link();
    const response = await showPortalLink(new Request(`https://nobody.portal.test/l/${token}`), {
      hostSegment: 'nobody.portal.test',
      token,
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found');
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 404 for an unknown token or one of another tenant', async () => {
    expect((await get('x'.repeat(43))).status).toBe(404);
    const theirs = await insertPortalLink(world.db, { tenantId: globex.id });
    expect((await get(theirs.token)).status).toBe(404);
  });

  it('answers 410 for an expired or used link, with the way back to the app', async () => {
    const expired = await link({
      expiresAt: new Date(Date.now() - 1),
      returnUrl: 'https://app.acme.test/back',
    });
    const response = await get(expired.token);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('href="https://app.acme.test/back"');
    const used = await link({ redeemedAt: new Date(), redeemedSessionId: 'ps_someone' });
    expect((await get(used.token)).status).toBe(410);
  });

  it('sends the browser that redeemed a link back to the portal while its session lives', async () => {
    const sessionId = await signedInAs('user-1');
    const used = await link({
      redeemedAt: new Date(),
      redeemedSessionId: sessionId,
      intent: 'connect',
      provider: 'OURA',
    });
    const response = await get(used.token);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/devices/connect/OURA');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('asks before switching a signed-in browser to another user', async () => {
    await signedInAs('someone-else');
    const { token } = await link({ referenceId: 'user-1' });
    const response = await get(token);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('name="confirm_switch" value="1"');
  });

  it('counts unknown tokens per client address and answers 429 past the limit', async () => {
    for (let i = 0; i < 3; i += 1) expect((await get('y'.repeat(43))).status).toBe(404);
    const { token } = await link();
    const limited = await get(token);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another address is not affected.
    expect((await get(token, { 'x-forwarded-for': '203.0.113.250' })).status).toBe(200);
  });
});

describe('POST /l/{token}', () => {
  it('redeems once, sets the session cookie and goes to the intent', async () => {
    const { token, link: row } = await link({
      referenceId: 'user-7',
      intent: 'reconnect',
      connectionId: 'conn_9',
    });
    const response = await post(token);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/devices/conn_9');
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^__Host-cp_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/,
    );
    const claims = await decodeSessionToken(setCookie.split(';')[0]?.split('=')[1] ?? '');
    const [stored] = await world.db.select().from(portalLinks).where(eq(portalLinks.id, row.id));
    expect(claims).toEqual({ sid: stored?.redeemedSessionId, tid: acme.id, ref: 'user-7' });
    expect((await post(token)).status).toBe(410);
  });

  it.each([
    ['same-site (another tenant on the same root)', { 'sec-fetch-site': 'same-site' }],
    ['cross-site', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses a %s post with 403 and leaves the link usable', async (_what, headers) => {
    const { token, link: row } = await link();
    const response = await post(token, {}, headers);
    expect(response.status).toBe(403);
    const [stored] = await world.db.select().from(portalLinks).where(eq(portalLinks.id, row.id));
    expect(stored?.redeemedAt).toBeNull();
  });

  it('checks Origin against this tenant host over the public scheme', async () => {
    const { token } = await link();
    expect(
      (
        await submitPortalLink(
          new Request(`${ORIGIN}/l/${token}`, {
            method: 'POST',
            headers: { origin: `http://${HOST}`, 'x-forwarded-for': ip },
          }),
          { hostSegment: encodeURIComponent(HOST), token },
        )
      ).status,
    ).toBe(403);
    const response = await submitPortalLink(
      new Request(`${ORIGIN}/l/${token}`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'x-forwarded-for': ip },
      }),
      { hostSegment: encodeURIComponent(HOST), token },
    );
    expect(response.status).toBe(303);
  });

  it('answers 404 on an unknown host and for an unknown token, 410 for expired', async () => {
    const { token } = await link();
    const response = await submitPortalLink(
      new Request(`https://nobody.portal.test/l/${token}`, { method: 'POST' }),
      {
        hostSegment: 'nobody.portal.test',
        token,
      },
    );
    expect(response.status).toBe(404);
    expect((await post('z'.repeat(43))).status).toBe(404);
    const expired = await link({ expiresAt: new Date(Date.now() - 1) });
    expect((await post(expired.token)).status).toBe(410);
  });

  it('lets the browser that redeemed a link back in without redeeming again', async () => {
    const sessionId = await signedInAs('user-1');
    const used = await link({ redeemedAt: new Date(), redeemedSessionId: sessionId });
    const response = await post(used.token);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/devices');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('switches users only when confirmed, revoking the old session', async () => {
    const oldSession = await signedInAs('someone-else');
    const { token } = await link({ referenceId: 'user-1' });
    const ask = await post(token);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('name="confirm_switch"');
    const confirmed = await post(token, { confirm_switch: '1' });
    expect(confirmed.status).toBe(303);
    const [old] = await world.db.select().from(portalSessions).where(eq(portalSessions.id, oldSession));
    expect(old?.revokedAt).toBeInstanceOf(Date);
  });

  it('replaces the session of the same user without asking', async () => {
    const oldSession = await signedInAs('user-1');
    const { token } = await link({ referenceId: 'user-1' });
    expect((await post(token)).status).toBe(303);
    const [old] = await world.db.select().from(portalSessions).where(eq(portalSessions.id, oldSession));
    expect(old?.revokedAt).toBeInstanceOf(Date);
  });

  it('answers 429 once the address has failed too often, before looking at the link', async () => {
    for (let i = 0; i < 3; i += 1) expect((await post('w'.repeat(43))).status).toBe(404);
    const { token } = await link();
    expect((await post(token)).status).toBe(429);
  });
});
