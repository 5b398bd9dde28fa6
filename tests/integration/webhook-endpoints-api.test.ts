import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { describe, expect, inject, it, vi } from 'vitest';
import { tokenFromUrl } from '../support/api';
import { tenantOf } from '../support/factories';
import { request } from '../support/http';
import { startWebhookReceiver } from '../support/webhook-receiver';

// SPEC §14's management API for webhook endpoints, with the tenant's API key. This file owns its
// tenant: it lists every endpoint the tenant has.
const owner = tenantOf('endpoints-api');
const other = tenantOf('globex');
const databaseUrl = inject('serverEnv').DATABASE_URL;
const origin = inject('origin');

type Endpoint = {
  id: string;
  object: string;
  url: string;
  events: string[];
  enabled: boolean;
  secret?: string;
};

describe('/api/v1/webhook_endpoints', () => {
  it('adds an endpoint with its secret shown once, lists and shows it without, and removes it', async () => {
    const created = await owner.api.call('POST', '/api/v1/webhook_endpoints', {
      url: 'http://127.0.0.1:9/hooks/portal',
      events: ['connection.created', 'connection.deleted', 'connection.created'],
    });
    expect(created.status).toBe(201);
    const endpoint = created.json<Endpoint>();
    expect(endpoint).toMatchObject({
      object: 'webhook_endpoint',
      url: 'http://127.0.0.1:9/hooks/portal',
      events: ['connection.created', 'connection.deleted'],
      enabled: true,
    });
    expect(endpoint.id).toMatch(/^whe_[A-Za-z0-9_-]{16}$/);
    expect(endpoint.secret).toMatch(/^whsec_/);

    const listed = await owner.api.call('GET', '/api/v1/webhook_endpoints');
    const { secret: _secret, ...withoutSecret } = endpoint;
    expect(listed.json()).toEqual({ object: 'list', data: [withoutSecret] });
    expect(listed.body).not.toContain(endpoint.secret);
    const shown = await owner.api.call('GET', `/api/v1/webhook_endpoints/${endpoint.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).not.toContain(endpoint.secret);
    expect(shown.json<Endpoint>().url).toBe('http://127.0.0.1:9/hooks/portal');

    const removed = await owner.api.call('DELETE', `/api/v1/webhook_endpoints/${endpoint.id}`);
    expect(removed.json()).toEqual({ id: endpoint.id, object: 'webhook_endpoint', deleted: true });
    expect((await owner.api.call('GET', `/api/v1/webhook_endpoints/${endpoint.id}`)).status).toBe(404);
    expect((await owner.api.call('DELETE', `/api/v1/webhook_endpoints/${endpoint.id}`)).status).toBe(404);
    expect(
      (await owner.api.call('GET', '/api/v1/webhook_endpoints')).json<{ data: Endpoint[] }>().data,
    ).toEqual([]);
  });

  it('changes the url, the events and enabled, one field or several at a time', async () => {
    const created = (
      await owner.api.call('POST', '/api/v1/webhook_endpoints', { url: 'http://127.0.0.1:9/hooks/a' })
    ).json<Endpoint>();
    const path = `/api/v1/webhook_endpoints/${created.id}`;
    const moved = await owner.api.call('PATCH', path, {
      url: 'http://127.0.0.1:9/hooks/b',
      events: ['ping'],
    });
    expect(moved.status).toBe(200);
    expect(moved.json<Endpoint>()).toMatchObject({
      url: 'http://127.0.0.1:9/hooks/b',
      events: ['ping'],
      enabled: true,
    });
    expect(moved.body).not.toContain('whsec_');
    const paused = await owner.api.call('PATCH', path, { enabled: false });
    expect(paused.json<Endpoint>()).toMatchObject({
      url: 'http://127.0.0.1:9/hooks/b',
      events: ['ping'],
      enabled: false,
    });
    const all = await owner.api.call('PATCH', path, { events: ['*'], enabled: true });
    expect(all.json<Endpoint>()).toMatchObject({ events: ['*'], enabled: true });
    for (const [body, param] of [
      [{}, 'body'],
      [{ url: 'http://10.0.0.1/x' }, 'url'],
      [{ enabled: 'yes' }, 'enabled'],
      [{ events: [] }, 'events'],
      [{ secret: 'mine' }, 'secret'],
    ] as const) {
      const res = await owner.api.call('PATCH', path, body);
      expect([
        JSON.stringify(body),
        res.status,
        res.json<{ error: { param: string } }>().error.param,
      ]).toEqual([JSON.stringify(body), 400, param]);
    }
    expect((await other.api.call('PATCH', path, { enabled: false })).status).toBe(404);
    expect((await owner.api.call('GET', path)).json<Endpoint>().enabled).toBe(true);
    await owner.api.call('DELETE', path);
  });

  it("answers 404 for another tenant's endpoint and changes nothing of it", async () => {
    const created = (
      await owner.api.call('POST', '/api/v1/webhook_endpoints', { url: 'http://127.0.0.1:9/hooks/private' })
    ).json<Endpoint>();
    expect(created.events).toEqual(['*']);
    expect((await other.api.call('GET', `/api/v1/webhook_endpoints/${created.id}`)).status).toBe(404);
    expect((await other.api.call('DELETE', `/api/v1/webhook_endpoints/${created.id}`)).status).toBe(404);
    expect((await other.api.call('GET', '/api/v1/webhook_endpoints')).body).not.toContain(created.id);
    expect((await owner.api.call('GET', `/api/v1/webhook_endpoints/${created.id}`)).status).toBe(200);
    await owner.api.call('DELETE', `/api/v1/webhook_endpoints/${created.id}`);
  });

  it('retries a delivered delivery with the same webhook-id, once at a time, and only its own tenant', async () => {
    const hook = await startWebhookReceiver(() => ({ status: 200 }));
    try {
      const endpoint = (
        await owner.api.call('POST', '/api/v1/webhook_endpoints', {
          url: hook.url,
          events: ['portal_link.redeemed'],
        })
      ).json<Endpoint>();
      const minted = await owner.api.mintLink({ reference_id: 'retry-user' });
      const token = tokenFromUrl(minted.json<{ url: string }>().url);
      expect((await request(origin, { host: owner.host, path: `/l/${token}`, method: 'POST' })).status).toBe(
        303,
      );
      type Delivery = { id: string; status: string; event_id: string };
      const deliveries = async () =>
        (await owner.api.call('GET', `/api/v1/webhook_deliveries?endpoint=${endpoint.id}`)).json<{
          data: Delivery[];
        }>().data;
      await vi.waitFor(async () => expect((await deliveries())[0]?.status).toBe('delivered'), {
        timeout: 15_000,
        interval: 100,
      });
      const [delivered] = await deliveries();
      const path = `/api/v1/webhook_deliveries/${delivered?.id}/retry`;
      expect((await other.api.call('POST', path)).status).toBe(404);
      const retried = await owner.api.call('POST', path);
      expect(retried.status).toBe(200);
      expect(retried.json<Delivery>()).toMatchObject({ id: delivered?.id, status: 'pending' });
      const again = await owner.api.call('POST', path);
      expect([again.status, again.json<{ error: { code: string } }>().error.code]).toEqual([
        409,
        'delivery_already_queued',
      ]);
      await vi.waitFor(() => expect(hook.received).toHaveLength(2), { timeout: 15_000, interval: 100 });
      expect(hook.received.map((r) => r.headers['webhook-id'])).toEqual([
        delivered?.event_id,
        delivered?.event_id,
      ]);
      expect((await owner.api.call('POST', '/api/v1/webhook_deliveries/whd_nope/retry')).status).toBe(404);
      await owner.api.call('DELETE', `/api/v1/webhook_endpoints/${endpoint.id}`);
    } finally {
      await hook.close();
    }
  });

  it('rotates the secret: for the overlap every delivery verifies with the old secret and the new one', async () => {
    const hook = await startWebhookReceiver(() => ({ status: 200 }));
    try {
      const created = (
        await owner.api.call('POST', '/api/v1/webhook_endpoints', {
          url: hook.url,
          events: ['portal_link.redeemed'],
        })
      ).json<Endpoint>();
      const path = `/api/v1/webhook_endpoints/${created.id}/rotate_secret`;
      expect((await other.api.call('POST', path)).status).toBe(404);
      const rotated = await owner.api.call('POST', path);
      expect(rotated.status).toBe(200);
      const { secret, previous_secret_expires_at } = rotated.json<{
        secret: string;
        previous_secret_expires_at: string;
      }>();
      expect(secret).toMatch(/^whsec_/);
      expect(secret).not.toBe(created.secret);
      const overlapHours = (Date.parse(previous_secret_expires_at) - Date.now()) / 3_600_000;
      expect(overlapHours).toBeGreaterThan(23.9);
      expect(overlapHours).toBeLessThanOrEqual(24);

      const minted = await owner.api.mintLink({ reference_id: 'rotation-user' });
      const token = tokenFromUrl(minted.json<{ url: string }>().url);
      await request(origin, { host: owner.host, path: `/l/${token}`, method: 'POST' });
      await vi.waitFor(() => expect(hook.received).toHaveLength(1), { timeout: 15_000, interval: 100 });
      const [delivery] = hook.received;
      const headers = {
        'webhook-id': delivery?.headers['webhook-id'] ?? '',
        'webhook-timestamp': delivery?.headers['webhook-timestamp'] ?? '',
        'webhook-signature': delivery?.headers['webhook-signature'] ?? '',
      };
      expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
      for (const key of [created.secret ?? '', secret]) {
        expect(new Webhook(key).verify(delivery?.body ?? '', headers)).toMatchObject({
          type: 'portal_link.redeemed',
        });
      }
      const stranger = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
      expect(() => new Webhook(stranger).verify(delivery?.body ?? '', headers)).toThrow();
      await owner.api.call('DELETE', `/api/v1/webhook_endpoints/${created.id}`);
    } finally {
      await hook.close();
    }
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{}, 'url'],
      [{ url: '' }, 'url'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: 'http://10.0.0.1/hooks' }, 'url'],
      [{ url: `https://hooks.example.com/${'a'.repeat(2100)}` }, 'url'],
      [{ url: 'http://127.0.0.1:9/x', events: [] }, 'events'],
      [{ url: 'http://127.0.0.1:9/x', events: ['connection.exploded'] }, 'events.0'],
      [{ url: 'http://127.0.0.1:9/x', secret: 'mine' }, 'secret'],
    ];
    for (const [body, param] of cases) {
      const res = await owner.api.call('POST', '/api/v1/webhook_endpoints', body);
      expect([
        JSON.stringify(body).slice(0, 60),
        res.status,
        res.json<{ error: { param: string } }>().error.param,
      ]).toEqual([JSON.stringify(body).slice(0, 60), 400, param]);
    }
    expect((await owner.api.call('GET', '/api/v1/webhook_endpoints/not-an-id')).status).toBe(404);
    expect(
      (await owner.api.call('GET', '/api/v1/webhook_endpoints')).json<{ data: Endpoint[] }>().data,
    ).toEqual([]);
  });

  it.runIf(databaseUrl)('writes an audit row for each change, naming the key and no secret', async () => {
    const created = (
      await owner.api.call('POST', '/api/v1/webhook_endpoints', {
        url: 'http://127.0.0.1:9/hooks/audited?token=abc',
      })
    ).json<Endpoint>();
    await owner.api.call('DELETE', `/api/v1/webhook_endpoints/${created.id}`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const rows = await client.query(
        'select action, actor_type, subject_id, data from audit_events where tenant_id = $1 and subject_id = $2 order by created_at',
        [owner.id, created.id],
      );
      expect(rows.rows.map((row) => [row.action, row.actor_type, row.subject_id])).toEqual([
        ['webhook_endpoint.created', 'api', created.id],
        ['webhook_endpoint.removed', 'api', created.id],
      ]);
      expect(JSON.stringify(rows.rows)).not.toContain('token=abc');
      expect(JSON.stringify(rows.rows)).not.toContain(created.secret ?? 'whsec_');
    } finally {
      await client.end();
    }
  });
});
