import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadPortalSession } from '@/lib/auth/load-portal-session';
import { encodeSessionToken } from '@/lib/auth/session-token';
import type { Database } from '@/lib/db/client';
import { portalSessions } from '@/lib/db/schema';
import { mintPortalLink } from '@/lib/links/mint-portal-link';
import { redeemPortalLink } from '@/lib/links/redeem-portal-link';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { memoryDbWithTenant } from '../support/memory-db';

vi.stubEnv('NEXTAUTH_SECRET', 'unit-test-secret-0123456789abcdef0123');
vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;

beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
});
afterAll(async () => close());

async function signIn(referenceId = 'user-1') {
  const link = await mintPortalLink(db, {
    tenant,
    link: { reference_id: referenceId, intent: 'manage', expires_in: 900, channel: 'redirect' },
    actor: { type: 'api' },
  });
  const token = link.url.split('/l/')[1] ?? '';
  const redemption = await redeemPortalLink(db, { tenant, token, origin: {} });
  if (!redemption) throw new Error('not redeemed');
  const cookie = await encodeSessionToken({ sid: redemption.session.id, tid: tenant.id, ref: referenceId });
  return { cookie, sessionId: redemption.session.id, token };
}

describe('portal sessions', () => {
  it('is valid right after redemption and only for its tenant', async () => {
    const { cookie } = await signIn();
    expect(
      (await loadPortalSession(db, { cookieValue: cookie, tenantId: tenant.id, idleMinutes: 30 })).kind,
    ).toBe('valid');
    const other = await createTenant(db, {
      slug: 'globex',
      name: 'Globex',
      source: 'sandbox',
      returnOrigins: [],
    });
    expect(
      (await loadPortalSession(db, { cookieValue: cookie, tenantId: other.id, idleMinutes: 30 })).kind,
    ).toBe('foreign');
  });

  it('ends after 30 idle minutes and after 12 hours whatever the activity', async () => {
    const idle = await signIn();
    await db
      .update(portalSessions)
      .set({ idleExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(portalSessions.id, idle.sessionId));
    expect(
      (await loadPortalSession(db, { cookieValue: idle.cookie, tenantId: tenant.id, idleMinutes: 30 })).kind,
    ).toBe('invalid');
    const old = await signIn();
    await db
      .update(portalSessions)
      .set({ absoluteExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(portalSessions.id, old.sessionId));
    expect(
      (await loadPortalSession(db, { cookieValue: old.cookie, tenantId: tenant.id, idleMinutes: 30 })).kind,
    ).toBe('invalid');
  });

  it('extends the idle limit on activity, never past the absolute limit', async () => {
    const { cookie, sessionId } = await signIn();
    const soon = new Date(Date.now() + 60_000);
    await db
      .update(portalSessions)
      .set({ lastSeenAt: new Date(Date.now() - 10 * 60_000), idleExpiresAt: soon })
      .where(eq(portalSessions.id, sessionId));
    await loadPortalSession(db, { cookieValue: cookie, tenantId: tenant.id, idleMinutes: 30 });
    const [row] = await db.select().from(portalSessions).where(eq(portalSessions.id, sessionId));
    expect(row?.idleExpiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(row?.idleExpiresAt.getTime()).toBeLessThanOrEqual(row?.absoluteExpiresAt.getTime() ?? 0);
  });

  it('refuses tampered and foreign cookies', async () => {
    const { cookie } = await signIn();
    const tampered = `${cookie.slice(0, -4)}AAAA`;
    expect(
      (await loadPortalSession(db, { cookieValue: tampered, tenantId: tenant.id, idleMinutes: 30 })).kind,
    ).toBe('invalid');
    expect(
      (await loadPortalSession(db, { cookieValue: 'garbage', tenantId: tenant.id, idleMinutes: 30 })).kind,
    ).toBe('invalid');
    expect(
      (await loadPortalSession(db, { cookieValue: undefined, tenantId: tenant.id, idleMinutes: 30 })).kind,
    ).toBe('none');
  });

  it('stores only the SHA-256 of a link token', async () => {
    const { token } = await signIn();
    const dump = JSON.stringify(await db.execute('select * from portal_links'));
    expect(dump).not.toContain(token);
  });
});
