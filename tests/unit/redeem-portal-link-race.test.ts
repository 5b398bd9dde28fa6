import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '@/lib/db/client';
import { portalLinks, portalSessions } from '@/lib/db/schema';
import { redeemPortalLink } from '@/lib/links/redeem-portal-link';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { insertPortalLink } from '../support/portal-links';
import { createThrowawayDatabase } from '../support/throwaway-postgres';

/*
 * PGlite runs one statement at a time, so a race there never races. On PostgreSQL the 20 UPDATEs of
 * one link really overlap: all but one must find redeemed_at already set once the winner commits.
 * Runs in CI's PostgreSQL pass (.ci/run sets TEST_DATABASE_URL for npm test).
 */
const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(Boolean(serverUrl))('redeeming one link 20 times at once on PostgreSQL', () => {
  let db: Database;
  let close: () => Promise<void>;
  let tenant: Tenant;
  let globex: Tenant;

  beforeAll(async () => {
    const throwaway = await createThrowawayDatabase(serverUrl ?? '', 'redeem');
    const opened = await openDatabase({ databaseUrl: throwaway.url });
    db = opened.db;
    close = async () => {
      await opened.close();
      await throwaway.drop();
    };
    tenant = await createTenant(db, { slug: 'acme', name: 'Acme', source: 'sandbox', returnOrigins: [] });
    globex = await createTenant(db, { slug: 'globex', name: 'Globex', source: 'sandbox', returnOrigins: [] });
  });
  afterAll(async () => close());

  it('has exactly one winner, whose session the link records', async () => {
    const { token, link } = await insertPortalLink(db, { tenantId: tenant.id });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => redeemPortalLink(db, { tenant, token, origin: {} })),
    );
    const winners = results.filter((result) => result !== null);
    expect(winners).toHaveLength(1);
    const sessions = await db.select().from(portalSessions).where(eq(portalSessions.linkId, link.id));
    expect(sessions.map((session) => session.id)).toEqual([winners[0]?.session.id]);
    const [row] = await db.select().from(portalLinks).where(eq(portalLinks.id, link.id));
    expect(row?.redeemedSessionId).toBe(winners[0]?.session.id);
  });

  it("gives no winner to another tenant racing with the link's own", async () => {
    const { token, link } = await insertPortalLink(db, { tenantId: tenant.id });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        redeemPortalLink(db, { tenant: i % 2 === 0 ? globex : tenant, token, origin: {} }),
      ),
    );
    const winners = results.filter((result) => result !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.session.tenantId).toBe(tenant.id);
    const sessions = await db.select().from(portalSessions).where(eq(portalSessions.linkId, link.id));
    expect(sessions).toHaveLength(1);
  });

  it('gives no winner at all for an expired link', async () => {
    const { token, link } = await insertPortalLink(db, {
      tenantId: tenant.id,
      expiresAt: new Date(Date.now() - 1),
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => redeemPortalLink(db, { tenant, token, origin: {} })),
    );
    expect(results.filter((result) => result !== null)).toHaveLength(0);
    expect(await db.select().from(portalSessions).where(eq(portalSessions.linkId, link.id))).toEqual([]);
  });
});
