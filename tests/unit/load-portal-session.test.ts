import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPortalSession } from '@/lib/auth/load-portal-session';
import { revokePortalSession } from '@/lib/auth/revoke-portal-session';
import { decodeSessionToken, encodeSessionToken } from '@/lib/auth/session-token';
import type { Database } from '@/lib/db/client';
import { portalSessions } from '@/lib/db/schema';
import { randomId } from '@/lib/security/random-id';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { memoryDbWithTenant } from '../support/memory-db';

const SECRET = 'unit-test-secret-0123456789abcdef0123';
vi.stubEnv('NEXTAUTH_SECRET', SECRET);
vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;
let globex: Tenant;

beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
  globex = await createTenant(db, { slug: 'globex', name: 'Globex', source: 'sandbox', returnOrigins: [] });
});
afterAll(async () => close());

const T = new Date('2026-12-01T10:00:00.000Z').getTime();
const MIN = 60_000;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A session row as redeeming writes it, with times relative to T, and a cookie naming it. */
async function sessionAt(
  times: { lastSeen?: number; idle?: number; absolute?: number } = {},
  owner: Tenant = tenant,
) {
  const id = randomId('ps');
  const [row] = await db
    .insert(portalSessions)
    .values({
      id,
      tenantId: owner.id,
      referenceId: 'user-1',
      linkId: 'pl_1',
      locale: 'fr',
      returnUrl: 'https://app.acme.test/',
      userLabel: 'u***@acme.test',
      lastSeenAt: new Date(T + (times.lastSeen ?? 0)),
      idleExpiresAt: new Date(T + (times.idle ?? 30 * MIN)),
      absoluteExpiresAt: new Date(T + (times.absolute ?? 12 * 60 * MIN)),
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  const cookie = await encodeSessionToken({ sid: id, tid: owner.id, ref: 'user-1' });
  return { id, row, cookie };
}

async function load(cookieValue: string | undefined, tenantId = tenant.id, idleMinutes = 30) {
  return loadPortalSession(db, { cookieValue, tenantId, idleMinutes });
}

async function rowOf(id: string) {
  const [row] = await db.select().from(portalSessions).where(eq(portalSessions.id, id));
  return row;
}

describe('loadPortalSession', () => {
  it('returns the session the row describes', async () => {
    const { id, cookie } = await sessionAt();
    expect(await load(cookie)).toEqual({
      kind: 'valid',
      session: {
        id,
        tenantId: tenant.id,
        referenceId: 'user-1',
        linkId: 'pl_1',
        locale: 'fr',
        returnUrl: 'https://app.acme.test/',
        userLabel: 'u***@acme.test',
      },
    });
  });

  it('is none without a cookie, invalid for a cookie that is not ours', async () => {
    expect(await load(undefined)).toEqual({ kind: 'none' });
    expect(await load('')).toEqual({ kind: 'none' });
    expect(await load('garbage')).toEqual({ kind: 'invalid' });
  });

  it('refuses a revoked session', async () => {
    const { id, cookie } = await sessionAt();
    await revokePortalSession(db, { tenantId: tenant.id, sessionId: id });
    expect(await load(cookie)).toEqual({ kind: 'invalid' });
  });

  it('refuses a cookie whose reference id is not the row’s', async () => {
    const { id } = await sessionAt();
    const forged = await encodeSessionToken({ sid: id, tid: tenant.id, ref: 'mallory' });
    expect(await load(forged)).toEqual({ kind: 'invalid' });
  });

  it("refuses another tenant's cookie, and a cookie naming another tenant's session", async () => {
    const { cookie } = await sessionAt();
    expect(await load(cookie, globex.id)).toEqual({ kind: 'foreign' });
    const theirs = await sessionAt({}, globex);
    const relabelled = await encodeSessionToken({ sid: theirs.id, tid: tenant.id, ref: 'user-1' });
    expect(await load(relabelled)).toEqual({ kind: 'invalid' });
  });

  it('ends at the idle limit and at the absolute limit, to the millisecond', async () => {
    expect((await load((await sessionAt({ idle: 0 })).cookie)).kind).toBe('invalid');
    expect((await load((await sessionAt({ idle: 1 })).cookie)).kind).toBe('valid');
    expect((await load((await sessionAt({ absolute: 0 })).cookie)).kind).toBe('invalid');
    expect((await load((await sessionAt({ idle: 1, absolute: 1 })).cookie)).kind).toBe('valid');
  });

  it('extends the idle limit by idleMinutes once the last touch is over a minute old', async () => {
    const { id, cookie } = await sessionAt({ lastSeen: -MIN - 1, idle: 5 * MIN });
    await load(cookie, tenant.id, 45);
    const row = await rowOf(id);
    expect(row?.lastSeenAt.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(row?.idleExpiresAt.toISOString()).toBe('2026-12-01T10:45:00.000Z');
  });

  it('caps the extension at the absolute limit', async () => {
    const { id, cookie } = await sessionAt({ lastSeen: -2 * MIN, idle: MIN, absolute: 10 * MIN });
    await load(cookie, tenant.id, 30);
    expect((await rowOf(id))?.idleExpiresAt.toISOString()).toBe('2026-12-01T10:10:00.000Z');
  });

  it('does not write when the last touch is a minute old or less', async () => {
    for (const lastSeen of [-MIN, -30_000, 0]) {
      const { id, cookie, row } = await sessionAt({ lastSeen, idle: 5 * MIN });
      await load(cookie);
      expect(await rowOf(id)).toEqual(row);
    }
  });

  it('touches only its own row', async () => {
    const mine = await sessionAt({ lastSeen: -10 * MIN, idle: 5 * MIN });
    const other = await sessionAt({ lastSeen: -10 * MIN, idle: 5 * MIN });
    await load(mine.cookie);
    expect(await rowOf(other.id)).toEqual(other.row);
  });
});

describe('session cookie claims', () => {
  it('round-trips sid, tid and ref', async () => {
    const cookie = await encodeSessionToken({ sid: 'ps_a', tid: 'ten_b', ref: 'user-1' });
    expect(await decodeSessionToken(cookie)).toEqual({ sid: 'ps_a', tid: 'ten_b', ref: 'user-1' });
  });

  it.each([
    ['a session id without ps_', { sid: 'xx_a', tid: 'ten_b', ref: 'u' }],
    ['a tenant id without ten_', { sid: 'ps_a', tid: 'xx_b', ref: 'u' }],
    ['an empty reference', { sid: 'ps_a', tid: 'ten_b', ref: '' }],
    ['a reference over 128 characters', { sid: 'ps_a', tid: 'ten_b', ref: 'r'.repeat(129) }],
    ['no claims', {}],
  ])('refuses a token we signed with %s', async (_what, claims) => {
    const cookie = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    expect(await decodeSessionToken(cookie)).toBeNull();
  });

  it('accepts a 128-character reference', async () => {
    const claims = { sid: 'ps_a', tid: 'ten_b', ref: 'r'.repeat(128) };
    expect(await decodeSessionToken(await encodeSessionToken(claims))).toEqual(claims);
  });

  it('refuses a token signed with another secret', async () => {
    const cookie = await encode({
      token: { sid: 'ps_a', tid: 'ten_b', ref: 'u' },
      secret: 'another-secret-0123456789abcdef012345',
      maxAge: 3600,
    });
    expect(await decodeSessionToken(cookie)).toBeNull();
  });

  it('lasts 12 hours', async () => {
    const cookie = await encodeSessionToken({ sid: 'ps_twelve', tid: 'ten_b', ref: 'u' });
    vi.setSystemTime(T + 12 * 60 * MIN - 1000);
    expect(await decodeSessionToken(cookie)).not.toBeNull();
    vi.setSystemTime(T + 12 * 60 * MIN + 16_000); // past next-auth's 15 s clock tolerance
    expect(await decodeSessionToken(cookie)).toBeNull();
  });

  it('forgets a decoded cookie when the cookie itself expires, even within the minute it is kept', async () => {
    const cookie = await encode({
      token: { sid: 'ps_short', tid: 'ten_b', ref: 'u' },
      secret: SECRET,
      maxAge: 30,
    });
    expect(await decodeSessionToken(cookie)).not.toBeNull();
    vi.setSystemTime(T + 50_000);
    expect(await decodeSessionToken(cookie)).toBeNull();
  });
});
