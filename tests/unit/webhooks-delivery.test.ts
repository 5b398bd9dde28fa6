import { asc, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { toPortalSession } from '@/lib/auth/portal-session';
import { completeConnection } from '@/lib/connections/complete-connection';
import { disconnectConnection } from '@/lib/connections/disconnect-connection';
import { recordSandboxDecision } from '@/lib/connections/record-sandbox-decision';
import { startConnection } from '@/lib/connections/start-connection';
import type { Database } from '@/lib/db/client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/lib/db/schema';
import { mintPortalLink } from '@/lib/links/mint-portal-link';
import { redeemPortalLink } from '@/lib/links/redeem-portal-link';
import type { AddressResolver } from '@/lib/security/url-guard';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import { deliverDueWebhooks } from '@/lib/webhooks/delivery-worker';
import { emitEvent } from '@/lib/webhooks/emit-event';
import { RETRY_DELAYS_MS } from '@/lib/webhooks/record-delivery-attempt';
import { type ReceiverReply, startWebhookReceiver } from '../support/webhook-receiver';
import { webhookTestBackends } from '../support/webhook-test-db';

vi.stubEnv('NEXTAUTH_SECRET', 'unit-test-secret-0123456789abcdef0123');
vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');
vi.stubEnv('WEBHOOKS_ALLOW_LOOPBACK', '1');
vi.stubEnv('LOG_LEVEL', 'silent');

describe.each(webhookTestBackends())('webhook delivery on $name', (backend) => {
  let db: Database;
  let close: () => Promise<void>;
  let tenant: Tenant;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    ({ db, close } = await backend.open());
    tenant = await createTenant(db, {
      slug: 'acme',
      name: 'Acme Health',
      source: 'sandbox',
      returnOrigins: [],
    });
  });
  afterAll(async () => close());
  // Each test starts with an empty queue: removing the endpoints removes their deliveries and attempts.
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await db.delete(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenant.id));
  });

  async function receiver(reply: (index: number) => ReceiverReply) {
    const started = await startWebhookReceiver((_, index) => reply(index));
    cleanups.push(started.close);
    return started;
  }

  async function queue(type: 'connection.created' | 'ping' = 'connection.created') {
    return db.transaction((tx) => emitEvent(tx, { tenantId: tenant.id, type, data: { n: 1 } }));
  }

  async function deliveryOf(eventId: string) {
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
    if (!row) throw new Error(`no delivery for ${eventId}`);
    return row;
  }

  async function attemptsOf(deliveryId: string) {
    return db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, deliveryId))
      .orderBy(asc(webhookAttempts.attempt));
  }

  it('sends connection.created after a sandbox connect and connection.deleted after a disconnect, signed', async () => {
    const hook = await receiver(() => ({ status: 204 }));
    const { secret } = await createWebhookEndpoint(db, {
      tenantId: tenant.id,
      url: hook.url,
      eventTypes: ['connection.created', 'connection.deleted'],
    });
    const link = await mintPortalLink(db, {
      tenant,
      link: { reference_id: 'user-1', intent: 'manage', expires_in: 900, channel: 'redirect' },
      actor: { type: 'api' },
    });
    const redemption = await redeemPortalLink(db, {
      tenant,
      token: link.url.split('/l/')[1] ?? '',
      origin: {},
    });
    if (!redemption) throw new Error('link not redeemed');
    const session = toPortalSession(redemption.session);
    const { redirectUrl } = await startConnection(db, {
      tenant,
      session,
      provider: 'OURA',
      portalOrigin: 'http://acme.localhost:3000',
    });
    const state = new URL(redirectUrl).searchParams.get('state') ?? '';
    await recordSandboxDecision(db, { tenantId: tenant.id, sessionId: session.id, state, decision: 'allow' });
    const outcome = await completeConnection(db, { tenant, session, state, query: new URLSearchParams() });
    if (!outcome.ok) throw new Error(`connect failed: ${outcome.reason}`);
    expect(await deliverDueWebhooks(db)).toMatchObject({ claimed: 1, delivered: 1 });

    await disconnectConnection(db, {
      tenant,
      connectionId: outcome.connectionId,
      initiatedBy: 'end_user',
      actor: { type: 'end_user', id: 'user-1' },
    });
    expect(await deliverDueWebhooks(db)).toMatchObject({ claimed: 1, delivered: 1 });

    const verified = hook.received.map((request) =>
      new Webhook(secret).verify(request.body, request.headers),
    );
    expect(verified).toMatchObject([
      { type: 'connection.created', data: { connection: { id: outcome.connectionId, provider: 'OURA' } } },
      {
        type: 'connection.deleted',
        data: { connection: { id: outcome.connectionId, status: 'disconnected' }, initiated_by: 'end_user' },
      },
    ]);
    expect(hook.received.map((r) => r.headers['webhook-id'])).toEqual(
      verified.map((body) => (body as { id: string }).id),
    );
  });

  it('retries after a 500 and a timeout, and delivers on the third attempt with every attempt logged', async () => {
    const hook = await receiver((index) =>
      index === 0 ? { status: 500, body: 'boom' } : index === 1 ? 'hang' : { status: 200 },
    );
    const { secret } = await createWebhookEndpoint(db, {
      tenantId: tenant.id,
      url: hook.url,
      eventTypes: null,
    });
    const eventId = await queue();
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);

    expect(await deliverDueWebhooks(db, { now: t0, timeoutMs: 300 })).toMatchObject({ retrying: 1 });
    const afterFirst = await deliveryOf(eventId);
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(afterFirst.nextAttemptAt).toEqual(at(5_000));
    expect(await deliverDueWebhooks(db, { now: at(4_000), timeoutMs: 300 })).toMatchObject({ claimed: 0 });

    expect(await deliverDueWebhooks(db, { now: at(5_000), timeoutMs: 300 })).toMatchObject({ retrying: 1 });
    const afterSecond = await deliveryOf(eventId);
    expect(afterSecond).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: null });
    expect(afterSecond.lastError).toContain('within 300 ms');
    expect(afterSecond.nextAttemptAt).toEqual(at(65_000));

    expect(await deliverDueWebhooks(db, { now: at(65_000), timeoutMs: 300 })).toMatchObject({ delivered: 1 });
    const delivery = await deliveryOf(eventId);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
    const attempts = await attemptsOf(delivery.id);
    expect(attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, null],
      [3, 200],
    ]);
    expect(attempts[0]?.responseExcerpt).toBe('boom');
    expect(attempts[1]?.error).toContain('within 300 ms');
    expect(attempts[1]?.durationMs).toBeGreaterThanOrEqual(250);
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([eventId]));
    for (const request of hook.received)
      expect(() => new Webhook(secret).verify(request.body, request.headers)).not.toThrow();
  });

  it('gives up as failed after the last back-off step', async () => {
    const hook = await receiver(() => ({ status: 503, body: 'x'.repeat(5_000) }));
    await createWebhookEndpoint(db, { tenantId: tenant.id, url: hook.url, eventTypes: null });
    const eventId = await queue();
    let now = new Date();
    for (const delay of [0, ...RETRY_DELAYS_MS]) {
      now = new Date(now.getTime() + delay);
      expect(await deliverDueWebhooks(db, { now })).toMatchObject({ claimed: 1 });
    }
    const delivery = await deliveryOf(eventId);
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: RETRY_DELAYS_MS.length + 1,
      lastStatusCode: 503,
    });
    expect(delivery.lastResponseExcerpt).toHaveLength(1024);
    expect(await deliverDueWebhooks(db, { now: new Date(now.getTime() + 365 * 86_400_000) })).toMatchObject({
      claimed: 0,
    });
  });

  it('does not follow redirects', async () => {
    const hook = await receiver(() => ({ status: 302 }));
    await createWebhookEndpoint(db, { tenantId: tenant.id, url: hook.url, eventTypes: null });
    const eventId = await queue();
    expect(await deliverDueWebhooks(db)).toMatchObject({ retrying: 1 });
    expect(await deliveryOf(eventId)).toMatchObject({
      lastStatusCode: 302,
      lastError: 'redirects are not followed',
    });
    expect(hook.received).toHaveLength(1);
  });

  it('refuses at delivery a host whose DNS changed to a private or (over http) public address, and connects only to the vetted one', async () => {
    const hook = await receiver(() => ({ status: 200 }));
    let answer = '127.0.0.1';
    const resolver: AddressResolver = async () => [{ address: answer, family: 4 }];
    await createWebhookEndpoint(db, {
      tenantId: tenant.id,
      url: `http://hooks.example.test:${hook.port}/hooks`,
      eventTypes: null,
      resolver,
    });
    const eventId = await queue();
    answer = '10.0.0.7';
    const t0 = new Date();
    expect(await deliverDueWebhooks(db, { now: t0, resolver })).toMatchObject({ retrying: 1 });
    const refused = await deliveryOf(eventId);
    expect(refused.lastError).toBe('refused: url resolves to a private address (10.0.0.7)');
    expect(hook.received).toHaveLength(0);

    // WEBHOOKS_ALLOW_LOOPBACK allows http to loopback only: a public answer is refused too.
    answer = '93.184.216.34';
    const t1 = new Date(t0.getTime() + RETRY_DELAYS_MS[0]);
    expect(await deliverDueWebhooks(db, { now: t1, resolver })).toMatchObject({ retrying: 1 });
    expect((await deliveryOf(eventId)).lastError).toBe(
      'refused: url resolves to a non-loopback address (93.184.216.34), and http is allowed only to loopback',
    );
    expect(hook.received).toHaveLength(0);

    // The name does not exist in real DNS: arriving proves the request went to the vetted address.
    answer = '127.0.0.1';
    const later = new Date(t1.getTime() + RETRY_DELAYS_MS[1]);
    expect(await deliverDueWebhooks(db, { now: later, resolver })).toMatchObject({ delivered: 1 });
    expect(hook.received[0]?.host).toBe(`hooks.example.test:${hook.port}`);
  });

  it('refuses an endpoint whose host already resolves to a forbidden address when it is added', async () => {
    const resolver: AddressResolver = async () => [{ address: '169.254.169.254', family: 4 }];
    await expect(
      createWebhookEndpoint(db, {
        tenantId: tenant.id,
        url: 'https://metadata.example/',
        eventTypes: null,
        resolver,
      }),
    ).rejects.toMatchObject({
      param: 'url',
      message: 'url resolves to the cloud metadata address (169.254.169.254).',
    });
  });
});
