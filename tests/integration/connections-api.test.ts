import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, inject, it } from 'vitest';
import { tenantOf } from '../support/factories';
import { multipartForm, request } from '../support/http';
import { actionField, connectSandboxDevice, signInOverHttp } from '../support/portal-user';

const origin = inject('origin');
// This file's own tenant (it pages the whole event log); globex is the other tenant that must see nothing.
const owner = tenantOf('connections-api');
const globex = tenantOf('globex');

type Connection = { id: string; provider: string; status: string; reference_id: string; source: string };

describe('connections API', () => {
  it('lists providers, a user’s connections, and disconnects idempotently', async () => {
    const providers = await owner.api.call('GET', '/api/v1/providers');
    expect(providers.status).toBe(200);
    expect(providers.json<{ data: { id: string }[] }>().data.map((p) => p.id)).toContain('OURA');

    const user = await signInOverHttp(origin, owner.host, owner.apiKey, 'api+user@example.com');
    const connectionId = await connectSandboxDevice(origin, owner.host, user.cookie, 'OURA');
    const listed = await owner.api.call(
      'GET',
      `/api/v1/users/${encodeURIComponent('api+user@example.com')}/connections`,
    );
    expect(listed.status).toBe(200);
    expect(listed.json<{ data: Connection[] }>().data).toEqual([
      expect.objectContaining({
        id: connectionId,
        object: 'connection',
        provider: 'OURA',
        status: 'active',
        source: 'sandbox',
        reference_id: 'api+user@example.com',
      }),
    ]);

    const first = await owner.api.call('DELETE', `/api/v1/connections/${connectionId}`);
    expect(first.status).toBe(200);
    expect(first.json<Connection>()).toMatchObject({ id: connectionId, status: 'disconnected' });
    const second = await owner.api.call('DELETE', `/api/v1/connections/${connectionId}`);
    expect(second.status).toBe(200);
    expect(second.json<Connection & { disconnected_at: string }>().disconnected_at).toBe(
      first.json<{ disconnected_at: string }>().disconnected_at,
    );

    const filtered = await owner.api.call(
      'GET',
      `/api/v1/users/${encodeURIComponent('api+user@example.com')}/connections?status=active`,
    );
    expect(filtered.json<{ data: Connection[] }>().data).toEqual([]);
    const badFilter = await owner.api.call('GET', `/api/v1/users/u/connections?status=broken`);
    expect(badFilter.status).toBe(400);
    expect(badFilter.json<{ error: { param: string } }>().error.param).toBe('status');

    const events = await owner.api.call('GET', '/api/v1/events?limit=100');
    const types = events
      .json<{ data: { type: string; data: { connection?: { id: string }; initiated_by?: string } }[] }>()
      .data.filter((e) => e.data.connection?.id === connectionId)
      .map((e) => [e.type, e.data.initiated_by]);
    expect(types).toEqual([
      ['connection.deleted', 'api'],
      ['connection.created', undefined],
    ]);
  });

  it('ten racing DELETEs and five racing no-JS disconnects all succeed, with one connection.deleted', async () => {
    const { cookie } = await signInOverHttp(origin, owner.host, owner.apiKey, 'racing-user');
    const connectionId = await connectSandboxDevice(origin, owner.host, cookie, 'GARMIN');
    const path = `/devices/${connectionId}/disconnect`;
    const confirm = await request(origin, { host: owner.host, path, headers: { cookie } });
    const form = multipartForm({ ...actionField(confirm.body, '>Disconnect<'), connection_id: connectionId });
    const click = () =>
      request(origin, {
        host: owner.host,
        path,
        method: 'POST',
        headers: { cookie, 'content-type': form.contentType },
        body: form.body,
      });
    const [deletes, clicks] = await Promise.all([
      Promise.all(
        Array.from({ length: 10 }, () => owner.api.call('DELETE', `/api/v1/connections/${connectionId}`)),
      ),
      Promise.all(Array.from({ length: 5 }, click)),
    ]);
    expect(deletes.map((d) => [d.status, d.json<Connection>().id, d.json<Connection>().status])).toEqual(
      Array(10).fill([200, connectionId, 'disconnected']),
    );
    expect(clicks.map((c) => [c.status, c.headers.location])).toEqual(
      Array(5).fill([303, '/devices?disconnected=GARMIN']),
    );
    const events = await owner.api.call('GET', '/api/v1/events?limit=100');
    const deleted = events
      .json<{ data: { type: string; data: { connection?: { id: string } } }[] }>()
      .data.filter((e) => e.data.connection?.id === connectionId && e.type === 'connection.deleted');
    expect(deleted).toHaveLength(1);
  });

  it("refuses another tenant's connection ids and users with 404 / an empty list", async () => {
    const user = await signInOverHttp(origin, owner.host, owner.apiKey, 'private-user');
    const connectionId = await connectSandboxDevice(origin, owner.host, user.cookie, 'GARMIN');
    const stolen = await globex.api.call('DELETE', `/api/v1/connections/${connectionId}`);
    expect(stolen.status).toBe(404);
    expect(stolen.json<{ error: { type: string } }>().error.type).toBe('not_found');
    const peek = await globex.api.call('GET', '/api/v1/users/private-user/connections');
    expect(peek.json<{ data: Connection[] }>().data).toEqual([]);
    const status = await globex.api.call('POST', `/api/v1/sandbox/connections/${connectionId}/status`, {
      status: 'error',
    });
    expect(status.status).toBe(404);
    const still = await owner.api.call('GET', '/api/v1/users/private-user/connections');
    expect(still.json<{ data: Connection[] }>().data[0]?.status).toBe('active');
  });

  it('pages the event log newest first with starting_after', async () => {
    const all = (await owner.api.call('GET', '/api/v1/events?limit=100')).json<{ data: { id: string }[] }>()
      .data;
    expect(all.length).toBeGreaterThan(2);
    const page1 = (await owner.api.call('GET', '/api/v1/events?limit=2')).json<{
      data: { id: string }[];
      has_more: boolean;
    }>();
    expect(page1.data.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
    expect(page1.has_more).toBe(true);
    const page2 = (
      await owner.api.call('GET', `/api/v1/events?limit=2&starting_after=${page1.data[1]?.id}`)
    ).json<{ data: { id: string }[] }>();
    expect(page2.data.map((e) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));
    const foreignCursor = await globex.api.call('GET', `/api/v1/events?starting_after=${page1.data[0]?.id}`);
    expect(foreignCursor.status).toBe(404);
    expect((await owner.api.call('GET', '/api/v1/events?limit=0')).status).toBe(400);
    expect(
      (await owner.api.call('GET', '/api/v1/events?cursor=x')).json<{ error: { param: string } }>().error
        .param,
    ).toBe('cursor');
  });

  it('serves a valid OpenAPI 3.1 document listing every route', async () => {
    const res = await request(origin, { path: '/api/v1/openapi.json' });
    expect(res.status).toBe(200);
    const document = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /api/v1/portal_links',
        'GET /api/v1/providers',
        'GET /api/v1/users/{reference_id}/connections',
        'DELETE /api/v1/connections/{id}',
        'GET /api/v1/events',
        'GET /api/v1/webhook_deliveries',
        'POST /api/v1/webhook_deliveries/{id}/retry',
        'GET /api/v1/tenant',
        'PATCH /api/v1/tenant',
        'GET /api/v1/webhook_endpoints',
        'POST /api/v1/webhook_endpoints',
        'GET /api/v1/webhook_endpoints/{id}',
        'PATCH /api/v1/webhook_endpoints/{id}',
        'DELETE /api/v1/webhook_endpoints/{id}',
        'POST /api/v1/webhook_endpoints/{id}/rotate_secret',
        'GET /api/v1/openapi.json',
      ]),
    );
  });
});
