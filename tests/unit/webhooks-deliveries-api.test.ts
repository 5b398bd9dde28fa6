import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/v1/webhook_deliveries/route';
import { createApiKey } from '@/lib/api/api-keys';
import { webhookDeliveryListSchema } from '@/lib/api/schemas/webhook-deliveries';
import { getDb } from '@/lib/db/client';
import { createTenant } from '@/lib/tenants/create-tenant';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import { sendTestEvent } from '@/lib/webhooks/send-test-event';

vi.stubEnv('NEXTAUTH_SECRET', 'unit-test-secret-0123456789abcdef0123');
vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');
vi.stubEnv('PGLITE_DIR', 'memory://');
vi.stubEnv('LOG_LEVEL', 'silent');

const world = { acmeKey: '', globexKey: '', acmeEndpoint: '', eventId: '' };

beforeAll(async () => {
  const db = await getDb();
  const tenant = (slug: string) =>
    createTenant(db, { slug, name: slug, source: 'sandbox', returnOrigins: [] });
  const [acme, globex] = await Promise.all([tenant('acme'), tenant('globex')]);
  world.acmeKey = (await createApiKey(db, { tenantId: acme.id })).apiKey;
  world.globexKey = (await createApiKey(db, { tenantId: globex.id })).apiKey;
  const { endpoint } = await createWebhookEndpoint(db, {
    tenantId: acme.id,
    url: 'https://93.184.216.34/hooks',
    eventTypes: null,
  });
  world.acmeEndpoint = endpoint.id;
  world.eventId = (await sendTestEvent(db, { tenantId: acme.id, endpointId: endpoint.id })).event.id;
});

function list(apiKey: string, query: string) {
  const request = new Request(`http://localhost:3000/api/v1/webhook_deliveries${query}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  return GET(request, { params: Promise.resolve({}) });
}

describe('GET /api/v1/webhook_deliveries', () => {
  it('lists the tenant’s deliveries for one endpoint', async () => {
    const res = await list(world.acmeKey, `?endpoint=${world.acmeEndpoint}&limit=5`);
    expect(res.status).toBe(200);
    const body = webhookDeliveryListSchema.parse(await res.json());
    expect(body).toMatchObject({ object: 'list', has_more: false });
    expect(body.data).toMatchObject([
      { event_id: world.eventId, event_type: 'ping', endpoint_id: world.acmeEndpoint, status: 'pending' },
    ]);
  });

  it('answers 404 when another tenant names the endpoint, and shows it none of the deliveries', async () => {
    const res = await list(world.globexKey, `?endpoint=${world.acmeEndpoint}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { type: 'not_found', param: 'endpoint' } });
    const all = webhookDeliveryListSchema.parse(await (await list(world.globexKey, '')).json());
    expect(all.data).toEqual([]);
  });

  it('refuses a malformed query with the parameter named', async () => {
    const bad = await list(world.acmeKey, '?endpoint=nope');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { param: 'endpoint' } });
    expect((await list(world.acmeKey, '?limit=101')).status).toBe(400);
    expect((await list('cp_test_wrong', '')).status).toBe(401);
  });
});
