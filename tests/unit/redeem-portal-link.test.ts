import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db/client';
import { auditEvents, portalLinks, portalSessions, webhookEvents } from '@/lib/db/schema';
import { redeemPortalLink } from '@/lib/links/redeem-portal-link';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { memoryDbWithTenant } from '../support/memory-db';
import { insertPortalLink } from '../support/portal-links';

/*
 * The redeem service on its own, without the route's pre-check (findPortalLinkByToken + linkState):
 * every condition of its UPDATE must hold by itself, because on PostgreSQL two requests can pass the
 * pre-check together and only the UPDATE decides.
 */
let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;
let globex: Tenant;

beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
  globex = await createTenant(db, { slug: 'globex', name: 'Globex', source: 'sandbox', returnOrigins: [] });
});
afterAll(async () => close());
afterEach(() => {
  vi.useRealTimers();
});

const origin = { ip: '203.0.113.7', userAgent: 'vitest' };
const NOW = new Date('2026-12-01T10:00:00.000Z');

describe('redeemPortalLink', () => {
  it('redeems a link once; the second call gets null and opens no session', async () => {
    const { token, link } = await insertPortalLink(db, { tenantId: tenant.id, referenceId: 'once' });
    const first = await redeemPortalLink(db, { tenant, token, origin });
    expect(first?.link.id).toBe(link.id);
    expect(await redeemPortalLink(db, { tenant, token, origin })).toBeNull();
    const sessions = await db.select().from(portalSessions).where(eq(portalSessions.linkId, link.id));
    expect(sessions.map((s) => s.id)).toEqual([first?.session.id]);
  });

  it('does not redeem a link marked redeemed by someone else', async () => {
    const { token } = await insertPortalLink(db, {
      tenantId: tenant.id,
      redeemedAt: new Date(Date.now() - 1000),
      redeemedSessionId: 'ps_other',
    });
    expect(await redeemPortalLink(db, { tenant, token, origin })).toBeNull();
  });

  it('does not redeem an expired link, nor one expiring at this very millisecond', async () => {
    const expired = await insertPortalLink(db, { tenantId: tenant.id, expiresAt: new Date(Date.now() - 1) });
    expect(await redeemPortalLink(db, { tenant, token: expired.token, origin })).toBeNull();

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const edge = await insertPortalLink(db, { tenantId: tenant.id, expiresAt: NOW });
    expect(await redeemPortalLink(db, { tenant, token: edge.token, origin })).toBeNull();
    const later = await insertPortalLink(db, { tenantId: tenant.id, expiresAt: new Date(NOW.getTime() + 1) });
    expect(await redeemPortalLink(db, { tenant, token: later.token, origin })).not.toBeNull();
  });

  it("does not redeem another tenant's link, and leaves it usable for its own tenant", async () => {
    const { token, link } = await insertPortalLink(db, { tenantId: tenant.id });
    expect(await redeemPortalLink(db, { tenant: globex, token, origin })).toBeNull();
    const [row] = await db.select().from(portalLinks).where(eq(portalLinks.id, link.id));
    expect(row?.redeemedAt).toBeNull();
    expect(await redeemPortalLink(db, { tenant, token, origin })).not.toBeNull();
  });

  it('does not redeem an unknown token', async () => {
    expect(await redeemPortalLink(db, { tenant, token: 'x'.repeat(43), origin })).toBeNull();
  });

  it('opens a session carrying the link, idle for 30 minutes within 12 hours', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const { token, link } = await insertPortalLink(db, {
      tenantId: tenant.id,
      referenceId: 'carol',
      locale: 'de',
      returnUrl: 'https://app.acme.test/done',
      userLabel: 'c***@acme.test',
    });
    const redemption = await redeemPortalLink(db, { tenant, token, origin });
    const [session] = await db
      .select()
      .from(portalSessions)
      .where(eq(portalSessions.id, redemption?.session.id ?? ''));
    expect(session).toMatchObject({
      tenantId: tenant.id,
      referenceId: 'carol',
      linkId: link.id,
      locale: 'de',
      returnUrl: 'https://app.acme.test/done',
      userLabel: 'c***@acme.test',
      revokedAt: null,
    });
    expect(session?.id).toMatch(/^ps_[A-Za-z0-9_-]{16}$/);
    expect(session?.lastSeenAt.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(session?.idleExpiresAt.toISOString()).toBe('2026-12-01T10:30:00.000Z');
    expect(session?.absoluteExpiresAt.toISOString()).toBe('2026-12-01T22:00:00.000Z');
    expect(redemption?.session).toEqual(session);

    const [row] = await db.select().from(portalLinks).where(eq(portalLinks.id, link.id));
    expect(row?.redeemedAt?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(row?.redeemedSessionId).toBe(session?.id);
    expect(redemption?.link).toEqual(row);
  });

  it("follows the tenant's own limits and never lets the idle limit pass the absolute one", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const strict = { ...tenant, sessionIdleMinutes: 90, sessionAbsoluteHours: 1 };
    const { token } = await insertPortalLink(db, { tenantId: tenant.id });
    const redemption = await redeemPortalLink(db, { tenant: strict, token, origin });
    expect(redemption?.session.absoluteExpiresAt.toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(redemption?.session.idleExpiresAt.toISOString()).toBe('2026-12-01T11:00:00.000Z');

    const loose = { ...tenant, sessionIdleMinutes: 5, sessionAbsoluteHours: 2 };
    const second = await insertPortalLink(db, { tenantId: tenant.id });
    const other = await redeemPortalLink(db, { tenant: loose, token: second.token, origin });
    expect(other?.session.idleExpiresAt.toISOString()).toBe('2026-12-01T10:05:00.000Z');
    expect(other?.session.absoluteExpiresAt.toISOString()).toBe('2026-12-01T12:00:00.000Z');
  });

  it('revokes the session it replaces, and only in this tenant', async () => {
    const before = await insertPortalLink(db, { tenantId: tenant.id });
    const old = await redeemPortalLink(db, { tenant, token: before.token, origin });
    const foreign = await insertPortalLink(db, { tenantId: globex.id });
    const globexSession = await redeemPortalLink(db, { tenant: globex, token: foreign.token, origin });

    const next = await insertPortalLink(db, { tenantId: tenant.id });
    await redeemPortalLink(db, { tenant, token: next.token, origin, replacesSessionId: old?.session.id });
    const [oldRow] = await db
      .select()
      .from(portalSessions)
      .where(eq(portalSessions.id, old?.session.id ?? ''));
    expect(oldRow?.revokedAt).toBeInstanceOf(Date);

    const third = await insertPortalLink(db, { tenantId: tenant.id });
    await redeemPortalLink(db, {
      tenant,
      token: third.token,
      origin,
      replacesSessionId: globexSession?.session.id,
    });
    const [globexRow] = await db
      .select()
      .from(portalSessions)
      .where(eq(portalSessions.id, globexSession?.session.id ?? ''));
    expect(globexRow?.revokedAt).toBeNull();
  });

  it('emits portal_link.redeemed and writes the audit entry with the session id', async () => {
    const { token, link } = await insertPortalLink(db, {
      tenantId: tenant.id,
      referenceId: 'dave',
      intent: 'connect',
      provider: 'OURA',
      channel: 'email',
    });
    const redemption = await redeemPortalLink(db, { tenant, token, origin });
    const events = await db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.tenantId, tenant.id), eq(webhookEvents.type, 'portal_link.redeemed')));
    expect(events.map((event) => event.data)).toContainEqual({
      portal_link: { id: link.id, reference_id: 'dave', intent: 'connect', channel: 'email' },
    });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, link.id));
    expect(audit).toMatchObject({
      tenantId: tenant.id,
      actorType: 'end_user',
      actorId: 'dave',
      action: 'portal_link.redeemed',
      data: { session_id: redemption?.session.id },
      ip: '203.0.113.7',
      userAgent: 'vitest',
    });
  });

  it('writes nothing when it redeems nothing', async () => {
    const { token, link } = await insertPortalLink(db, { tenantId: tenant.id, expiresAt: new Date(0) });
    await redeemPortalLink(db, { tenant, token, origin });
    expect(await db.select().from(auditEvents).where(eq(auditEvents.subjectId, link.id))).toEqual([]);
    expect(await db.select().from(portalSessions).where(eq(portalSessions.linkId, link.id))).toEqual([]);
  });
});
