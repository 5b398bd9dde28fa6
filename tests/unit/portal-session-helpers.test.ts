import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as DbClient from '@/lib/db/client';
import type { Database } from '@/lib/db/client';
import { auditEvents, portalSessions } from '@/lib/db/schema';
import type { Tenant } from '@/lib/tenants/tenant';

vi.stubEnv('NEXTAUTH_SECRET', 'unit-test-secret-0123456789abcdef0123');
vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');

// Next.js request APIs and the process-wide database, replaced by a cookie jar and a PGlite in memory.
const world = vi.hoisted(() => ({
  db: undefined as unknown as Database,
  tenants: new Map<string, Tenant>(),
  jar: new Map<string, string>(),
  set: [] as Array<{ name: string; value: string; options: unknown }>,
  host: 'acme.portal.test',
}));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (world.jar.has(name) ? { name, value: world.jar.get(name) } : undefined),
    delete: (name: string) => world.jar.delete(name),
    set: (name: string, value: string, options: unknown) => {
      world.set.push({ name, value, options });
      world.jar.set(name, value);
    },
  }),
  headers: async () =>
    new Headers({ host: world.host, 'user-agent': 'Unit/1.0', 'x-request-id': 'req-unit' }),
}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
vi.mock('@/lib/db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof DbClient>()),
  getDb: async () => world.db,
}));
vi.mock('@/lib/tenants/resolve-tenant-by-host', () => ({
  resolveTenantByHost: async (_db: unknown, input: { host: string }) => world.tenants.get(input.host) ?? null,
}));

const { getPortalSession, requirePortalSession } = await import('@/lib/auth/get-portal-session');
const { revokePortalSession } = await import('@/lib/auth/revoke-portal-session');
const { encodeSessionToken } = await import('@/lib/auth/session-token');
const { sessionCookieName } = await import('@/lib/auth/session-cookie');
const { signOutPortalSession } = await import('@/lib/auth/sign-out');
const { describeCurrentSession } = await import('@/lib/auth/describe-current-session');
const { randomId } = await import('@/lib/security/random-id');
const { createTenant } = await import('@/lib/tenants/create-tenant');
const { memoryDbWithTenant } = await import('../support/memory-db');

let close: () => Promise<void>;
let acme: Tenant;
let globex: Tenant;

beforeAll(async () => {
  let db: Database;
  ({ db, close, tenant: acme } = await memoryDbWithTenant());
  world.db = db;
  globex = await createTenant(db, { slug: 'globex', name: 'Globex', source: 'sandbox', returnOrigins: [] });
  world.tenants.set('acme.portal.test', acme);
  world.tenants.set('globex.portal.test', globex);
});
afterAll(async () => close());
beforeEach(() => {
  world.jar.clear();
  world.set.length = 0;
});

async function signedIn(tenant: Tenant, locale: string | null = 'de') {
  const id = randomId('ps');
  const now = Date.now();
  await world.db.insert(portalSessions).values({
    id,
    tenantId: tenant.id,
    referenceId: 'user-1',
    linkId: 'pl_1',
    locale,
    idleExpiresAt: new Date(now + 30 * 60_000),
    absoluteExpiresAt: new Date(now + 12 * 3_600_000),
  });
  world.jar.set(sessionCookieName(), await encodeSessionToken({ sid: id, tid: tenant.id, ref: 'user-1' }));
  return id;
}

/** The portal_session.rejected rows of a tenant: who was refused, why, from where. */
async function rejections(tenant: Tenant) {
  const rows = await world.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, 'portal_session.rejected')));
  return rows.map((row) => [row.outcome, row.data, row.userAgent, row.requestId]);
}

async function revokedAt(id: string) {
  const [row] = await world.db.select().from(portalSessions).where(eq(portalSessions.id, id));
  return row?.revokedAt ?? null;
}

describe('getPortalSession / requirePortalSession', () => {
  it('returns the tenant and session for a valid cookie on its own host', async () => {
    const id = await signedIn(acme);
    const result = await getPortalSession('acme.portal.test');
    expect(result?.tenant.id).toBe(acme.id);
    expect(result?.session).toMatchObject({ id, tenantId: acme.id, referenceId: 'user-1', locale: 'de' });
    expect((await requirePortalSession('acme.portal.test')).session.id).toBe(id);
  });

  it("is null on another tenant's host, where it counts as no session at all (/expired?reason=signed_out)", async () => {
    await signedIn(acme);
    const before = (await rejections(globex)).length;
    expect(await getPortalSession('globex.portal.test')).toBeNull();
    await expect(requirePortalSession('globex.portal.test')).rejects.toThrow(
      'NEXT_REDIRECT /expired?reason=signed_out',
    );
    // Each refused read is on globex's record, as another tenant's cookie.
    expect((await rejections(globex)).slice(before)).toEqual([
      ['refused', { reason: 'other_tenant' }, 'Unit/1.0', 'req-unit'],
      ['refused', { reason: 'other_tenant' }, 'Unit/1.0', 'req-unit'],
    ]);
  });

  it('sends a visitor without a cookie to /expired?reason=signed_out', async () => {
    expect(await getPortalSession('acme.portal.test')).toBeNull();
    await expect(requirePortalSession('acme.portal.test')).rejects.toThrow(
      'NEXT_REDIRECT /expired?reason=signed_out',
    );
  });

  it('treats an unknown host as signed out, cookie or not (its pages answer 404 anyway)', async () => {
    await signedIn(acme);
    expect(await getPortalSession('nobody.portal.test')).toBeNull();
    await expect(requirePortalSession('nobody.portal.test')).rejects.toThrow(
      'NEXT_REDIRECT /expired?reason=signed_out',
    );
    world.jar.clear();
    await expect(requirePortalSession('nobody.portal.test')).rejects.toThrow(
      'NEXT_REDIRECT /expired?reason=signed_out',
    );
  });

  it('refuses a revoked session at once', async () => {
    const id = await signedIn(acme);
    await revokePortalSession(world.db, { tenantId: acme.id, sessionId: id });
    const before = (await rejections(acme)).length;
    expect(await getPortalSession('acme.portal.test')).toBeNull();
    expect((await rejections(acme)).slice(before)).toEqual([
      ['refused', { reason: 'expired_or_revoked' }, 'Unit/1.0', 'req-unit'],
    ]);
  });

  it('writes no rejection for a visitor without a cookie, or with a valid one', async () => {
    const before = (await rejections(acme)).length;
    await getPortalSession('acme.portal.test');
    await signedIn(acme);
    await getPortalSession('acme.portal.test');
    expect((await rejections(acme)).length).toBe(before);
  });
});

describe('revokePortalSession', () => {
  it("revokes within its tenant only, and keeps the first revocation's time", async () => {
    const id = await signedIn(acme);
    await revokePortalSession(world.db, { tenantId: globex.id, sessionId: id });
    expect(await revokedAt(id)).toBeNull();
    await revokePortalSession(world.db, { tenantId: acme.id, sessionId: id });
    const first = await revokedAt(id);
    expect(first).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await revokePortalSession(world.db, { tenantId: acme.id, sessionId: id });
    expect(await revokedAt(id)).toEqual(first);
  });

  it('leaves the other sessions alone', async () => {
    const mine = await signedIn(acme);
    const other = await signedIn(acme);
    await revokePortalSession(world.db, { tenantId: acme.id, sessionId: mine });
    expect(await revokedAt(other)).toBeNull();
  });
});

describe('describeCurrentSession (GET /api/auth/session)', () => {
  it("names the signed-in user on their tenant's host, and nobody anywhere else", async () => {
    const id = await signedIn(acme);
    await world.db
      .update(portalSessions)
      .set({ userLabel: 'j***@example.com' })
      .where(eq(portalSessions.id, id));
    world.host = 'acme.portal.test';
    expect(await describeCurrentSession()).toEqual({ user: { name: 'j***@example.com' } });
    world.host = 'globex.portal.test';
    expect(await describeCurrentSession()).toEqual({});
    world.host = 'acme.portal.test';
    await world.db.update(portalSessions).set({ userLabel: null }).where(eq(portalSessions.id, id));
    expect(await describeCurrentSession()).toEqual({ user: { name: null } });
    await revokePortalSession(world.db, { tenantId: acme.id, sessionId: id });
    expect(await describeCurrentSession()).toEqual({});
  });
});

describe('signOutPortalSession', () => {
  it('revokes the row, clears the cookie and remembers the link language', async () => {
    const id = await signedIn(acme, 'fr');
    const signed = await getPortalSession('acme.portal.test');
    if (!signed) throw new Error('not signed in');
    await signOutPortalSession({
      ...signed,
      portalOrigin: 'https://acme.portal.test',
      requestOrigin: { ip: '203.0.113.5', userAgent: 'Unit/1.0', requestId: 'req-unit' },
    });
    expect(await revokedAt(id)).toBeInstanceOf(Date);
    const [audit] = await world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'portal_session.signed_out'), eq(auditEvents.subjectId, id)));
    expect([audit?.actorId, audit?.outcome, audit?.ip, audit?.requestId]).toEqual([
      'user-1',
      'ok',
      '203.0.113.5',
      'req-unit',
    ]);
    expect(world.jar.has(sessionCookieName())).toBe(false);
    expect(world.set).toEqual([expect.objectContaining({ name: 'cp_locale', value: 'fr' })]);
  });
});
