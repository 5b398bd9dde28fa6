import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { receivePlatformWebhook } from '@/lib/connections/receive-platform-webhook';
import type { Database } from '@/lib/db/client';
import { connections, webhookEvents } from '@/lib/db/schema';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { updateTenant } from '@/lib/tenants/update-tenant';
import { memoryDbWithTenant } from '../support/memory-db';

vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');
vi.stubEnv('NEXTAUTH_SECRET', 'unit-test-secret-0123456789abcdef0123');
vi.stubEnv('LOG_LEVEL', 'silent');

const SECRET = 'terra-webhook-secret-for-replay-tests';
const CONNECTION_ID = 'conn_replayvictim0000';

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;

beforeAll(async () => {
  ({ db, close } = await memoryDbWithTenant('seed'));
  const created = await createTenant(db, {
    slug: 'fitco',
    name: 'FitCo',
    source: 'terra',
    returnOrigins: [],
  });
  tenant = await updateTenant(db, {
    tenantId: created.id,
    patch: { sourceSettings: { devId: 'fitco-dev' }, sourceSecrets: { apiKey: 'k', webhookSecret: SECRET } },
  });
  await db.insert(connections).values({
    id: CONNECTION_ID,
    tenantId: tenant.id,
    referenceId: 'replay-user',
    provider: 'OURA',
    source: 'terra',
    status: 'active',
    externalUserId: 'terra-user-replay',
  });
});
afterAll(async () => close());

const user = { user_id: 'terra-user-replay', provider: 'OURA', reference_id: 'replay-user' };
const revoked = JSON.stringify({ type: 'access_revoked', status: 'warning', user });
const reauthorised = JSON.stringify({ type: 'auth', status: 'success', user });

function signature(body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`;
}

function deliver(body: string, header: string, traceId: string | null) {
  const request = new Request('http://portal.test/api/webhooks/terra/fitco', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'terra-signature': header,
      ...(traceId === null ? {} : { 'x-terra-trace-id': traceId }),
    },
    body,
  });
  return receivePlatformWebhook(db, { tenant, request, rawBody: body });
}

async function status(): Promise<string | undefined> {
  const [row] = await db
    .select({ status: connections.status })
    .from(connections)
    .where(and(eq(connections.tenantId, tenant.id), eq(connections.id, CONNECTION_ID)));
  return row?.status;
}

async function eventCount(type: string): Promise<number> {
  return db.$count(webhookEvents, and(eq(webhookEvents.tenantId, tenant.id), eq(webhookEvents.type, type)));
}

describe('a replayed Terra webhook', () => {
  it('is a no-op when the same signed body comes back under a new trace id', async () => {
    const now = Math.floor(Date.now() / 1000);
    const revokedSignature = signature(revoked, now);
    expect(await deliver(revoked, revokedSignature, 'trace-replay-1')).toEqual({
      duplicate: false,
      events: 1,
    });
    expect(await status()).toBe('reauth_required');

    // The user reconnected; a replay of the old signed event must not break the connection again.
    expect(await deliver(reauthorised, signature(reauthorised, now), 'trace-replay-2')).toEqual({
      duplicate: false,
      events: 1,
    });
    expect(await status()).toBe('active');

    expect(await deliver(revoked, revokedSignature, 'trace-replay-3')).toEqual({
      duplicate: true,
      events: 0,
    });
    expect(await deliver(revoked, revokedSignature, null)).toEqual({ duplicate: true, events: 0 });
    // A signature header padded with another v1 value still signs the same content.
    expect(await deliver(revoked, `${revokedSignature},v1=${'0'.repeat(64)}`, 'trace-replay-4')).toEqual({
      duplicate: true,
      events: 0,
    });
    expect(await status()).toBe('active');
    expect(await eventCount('connection.reauth_required')).toBe(1);
  });

  it('still processes the same body signed again at another time (a new delivery)', async () => {
    const later = Math.floor(Date.now() / 1000) + 1;
    expect(await deliver(revoked, signature(revoked, later), 'trace-replay-5')).toEqual({
      duplicate: false,
      events: 1,
    });
    expect(await status()).toBe('reauth_required');
    expect(await eventCount('connection.reauth_required')).toBe(2);
  });
});
