import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '@/lib/db/schema';
import type { AddressResolver } from '@/lib/security/url-guard';
import { decryptSecret } from '@/lib/security/secret-box';
import { createTenant } from '@/lib/tenants/create-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import { emitEvent } from '@/lib/webhooks/emit-event';
import { listWebhookDeliveries } from '@/lib/webhooks/list-webhook-deliveries';
import { listWebhookEndpoints } from '@/lib/webhooks/list-webhook-endpoints';
import { removeWebhookEndpoint } from '@/lib/webhooks/remove-webhook-endpoint';
import { sendTestEvent } from '@/lib/webhooks/send-test-event';
import { endpointSecretBinding } from '@/lib/webhooks/webhook-endpoint-fields';
import { memoryDbWithTenant } from '../support/memory-db';

vi.stubEnv('NEXTAUTH_SECRET', 'unit-test-secret-0123456789abcdef0123');
vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');
vi.stubEnv('WEBHOOKS_ALLOW_LOOPBACK', '0');
vi.stubEnv('LOG_LEVEL', 'silent');

// Public answers, so adding never depends on the machine's DNS.
const publicDns: AddressResolver = async () => [{ address: '93.184.216.34', family: 4 }];

let db: Database;
let close: () => Promise<void>;
let acme: Tenant;
let globex: Tenant;

beforeAll(async () => {
  ({ db, close, tenant: acme } = await memoryDbWithTenant());
  globex = await createTenant(db, { slug: 'globex', name: 'Globex', source: 'sandbox', returnOrigins: [] });
});
afterAll(async () => close());

function addEndpoint(
  tenant: Tenant,
  eventTypes: Parameters<typeof createWebhookEndpoint>[1]['eventTypes'] = null,
) {
  return createWebhookEndpoint(db, {
    tenantId: tenant.id,
    url: 'https://hooks.example.com/in',
    eventTypes,
    resolver: publicDns,
  });
}

async function deliveriesTo(endpointId: string) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
}

describe('webhook endpoints', () => {
  it('stores the secret encrypted, bound to its row, and never lists it', async () => {
    const { endpoint, secret } = await addEndpoint(acme);
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    if (!row) throw new Error('endpoint not stored');
    expect(row.secretCiphertext).not.toContain(secret.slice('whsec_'.length));
    expect(decryptSecret(row.secretCiphertext, endpointSecretBinding(row))).toBe(secret);
    expect(() =>
      decryptSecret(row.secretCiphertext, endpointSecretBinding({ ...row, tenantId: globex.id })),
    ).toThrow();
    const listed = JSON.stringify(await listWebhookEndpoints(db, { tenantId: acme.id }));
    expect(listed).toContain(endpoint.id);
    expect(listed).not.toContain('whsec_');
    expect(listed).not.toContain(row.secretCiphertext);
    expect(await listWebhookEndpoints(db, { tenantId: globex.id })).toEqual([]);
  });

  it('refuses with a reason naming url, and accepts a host that does not resolve yet', async () => {
    await expect(
      createWebhookEndpoint(db, { tenantId: acme.id, url: 'https://localhost/', eventTypes: null }),
    ).rejects.toMatchObject({ param: 'url', message: 'url points at a loopback host name (localhost).' });
    const noDns: AddressResolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND hooks.later.example'), { code: 'ENOTFOUND' });
    };
    const { endpoint } = await createWebhookEndpoint(db, {
      tenantId: acme.id,
      url: 'https://hooks.later.example/in',
      eventTypes: ['ping'],
      resolver: noDns,
    });
    expect(endpoint).toMatchObject({
      url: 'https://hooks.later.example/in',
      events: ['ping'],
      enabled: true,
    });
  });

  it('with the loopback flag, refuses http to anything but loopback when added', async () => {
    const add = (url: string) =>
      createWebhookEndpoint(db, {
        tenantId: acme.id,
        url,
        eventTypes: null,
        resolver: publicDns,
        allowLoopback: true,
      });
    await expect(add('http://hooks.example.com/in')).rejects.toMatchObject({
      param: 'url',
      code: 'url_unsafe',
      message:
        'url resolves to a non-loopback address (93.184.216.34), and http is allowed only to loopback.',
    });
    const addWithoutDns = (url: string) =>
      createWebhookEndpoint(db, {
        tenantId: acme.id,
        url,
        eventTypes: null,
        resolver: async () => {
          throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
        },
        allowLoopback: true,
      });
    await expect(addWithoutDns('http://example.com/h')).rejects.toMatchObject({
      param: 'url',
      code: 'url_unsafe',
      message: 'url host example.com does not resolve, and http is allowed only to loopback.',
    });
    await expect(add('http://93.184.216.34/in')).rejects.toMatchObject({
      param: 'url',
      message: 'url must use https (http is allowed only to a loopback address).',
    });
    await expect(add('https://[2002:a9fe:a9fe::]/h')).rejects.toMatchObject({
      param: 'url',
      message: 'url points at an IPv6 address that carries an IPv4 one (2002:a9fe:a9fe::).',
    });
    await expect(add('http://127.0.0.1:9/in')).resolves.toMatchObject({
      endpoint: { url: 'http://127.0.0.1:9/in' },
    });
  });

  it('queues an event only for endpoints subscribed to its type', async () => {
    const all = await addEndpoint(acme);
    const deletionsOnly = await addEndpoint(acme, ['connection.deleted']);
    await db.transaction((tx) => emitEvent(tx, { tenantId: acme.id, type: 'connection.created', data: {} }));
    expect(await deliveriesTo(all.endpoint.id)).toHaveLength(1);
    expect(await deliveriesTo(deletionsOnly.endpoint.id)).toHaveLength(0);
  });

  it('writes no event and no delivery when the change’s transaction fails', async () => {
    const { endpoint } = await addEndpoint(globex);
    const before = await db.select().from(webhookEvents).where(eq(webhookEvents.tenantId, globex.id));
    await expect(
      db.transaction(async (tx) => {
        await emitEvent(tx, { tenantId: globex.id, type: 'connection.deleted', data: {} });
        throw new Error('the change failed after its event was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.select().from(webhookEvents).where(eq(webhookEvents.tenantId, globex.id))).toEqual(
      before,
    );
    expect(await deliveriesTo(endpoint.id)).toEqual([]);
  });

  it('sends a test ping to the one endpoint asked for, whatever its filter', async () => {
    const target = await addEndpoint(acme, ['connection.created']);
    const bystander = await addEndpoint(acme);
    const { event } = await sendTestEvent(db, { tenantId: acme.id, endpointId: target.endpoint.id });
    expect(await deliveriesTo(target.endpoint.id)).toMatchObject([{ eventId: event.id, status: 'pending' }]);
    expect(await deliveriesTo(bystander.endpoint.id)).toEqual([]);
  });

  it('keeps every operation inside the endpoint’s tenant', async () => {
    const { endpoint } = await addEndpoint(acme);
    const foreign = { tenantId: globex.id, endpointId: endpoint.id };
    await expect(removeWebhookEndpoint(db, foreign)).rejects.toMatchObject({
      type: 'not_found',
      param: 'endpoint',
    });
    await expect(sendTestEvent(db, foreign)).rejects.toMatchObject({ type: 'not_found', param: 'endpoint' });
    await expect(listWebhookDeliveries(db, { ...foreign, limit: 10 })).rejects.toMatchObject({
      type: 'not_found',
    });
    await removeWebhookEndpoint(db, { tenantId: acme.id, endpointId: endpoint.id });
    expect((await listWebhookEndpoints(db, { tenantId: acme.id })).map((e) => e.id)).not.toContain(
      endpoint.id,
    );
  });

  it('pages the delivery log newest first', async () => {
    const { endpoint } = await addEndpoint(globex);
    const pings = [];
    for (let n = 0; n < 3; n += 1)
      pings.push(await sendTestEvent(db, { tenantId: globex.id, endpointId: endpoint.id }));
    const newestFirst = pings.map((p) => p.event.id).reverse();
    const first = await listWebhookDeliveries(db, { tenantId: globex.id, endpointId: endpoint.id, limit: 2 });
    expect(first.has_more).toBe(true);
    expect(first.data.map((d) => d.event_id)).toEqual(newestFirst.slice(0, 2));
    expect(first.data[0]).toMatchObject({
      event_type: 'ping',
      status: 'pending',
      attempts: 0,
      endpoint_id: endpoint.id,
    });
    const rest = await listWebhookDeliveries(db, {
      tenantId: globex.id,
      endpointId: endpoint.id,
      startingAfter: first.data[1]?.id,
      limit: 2,
    });
    expect(rest.has_more).toBe(false);
    expect(rest.data.map((d) => d.event_id)).toEqual(newestFirst.slice(2));
  });
});
