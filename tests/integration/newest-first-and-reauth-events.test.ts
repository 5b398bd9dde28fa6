import { describe, expect, inject, it } from 'vitest';
import { tenantOf } from '../support/factories';
import { connectSandboxDevice, reconnectSandboxDevice, signInOverHttp } from '../support/portal-user';

const origin = inject('origin');
// This file's own tenant: it checks the order of the whole event log.
const tenant = tenantOf('event-order');

type Connection = { id: string; provider: string; status: string; connected_at: string };
type Event = {
  id: string;
  type: string;
  created_at: string;
  data: { connection?: { id: string; provider: string; status: string; reference_id: string } };
};

async function connectionEventsOf(referenceId: string) {
  const listed = await tenant.api.call('GET', '/api/v1/events?limit=100');
  expect(listed.status).toBe(200);
  return listed.json<{ data: Event[] }>().data.filter((e) => e.data.connection?.reference_id === referenceId);
}

describe('newest first', () => {
  it('lists a user’s connections and the event log newest first, a disconnected connection in its place', async () => {
    const referenceId = `order-${Date.now()}`;
    const { cookie } = await signInOverHttp(origin, tenant.host, tenant.apiKey, referenceId);
    // Made one after another (each a full connect flow), so each has a later connected_at than the last.
    const oura = await connectSandboxDevice(origin, tenant.host, cookie, 'OURA');
    const garmin = await connectSandboxDevice(origin, tenant.host, cookie, 'GARMIN');
    const fitbit = await connectSandboxDevice(origin, tenant.host, cookie, 'FITBIT');
    expect((await tenant.api.call('DELETE', `/api/v1/connections/${garmin}`)).status).toBe(200);

    const listed = await tenant.api.call('GET', `/api/v1/users/${referenceId}/connections`);
    expect(listed.status).toBe(200);
    const data = listed.json<{ data: Connection[] }>().data;
    expect(data.map((c) => [c.id, c.provider, c.status])).toEqual([
      [fitbit, 'FITBIT', 'active'],
      [garmin, 'GARMIN', 'disconnected'],
      [oura, 'OURA', 'active'],
    ]);
    const connectedAt = data.map((c) => Date.parse(c.connected_at));
    expect(connectedAt[0]).toBeGreaterThan(connectedAt[1] ?? Infinity);
    expect(connectedAt[1]).toBeGreaterThan(connectedAt[2] ?? Infinity);

    const events = await connectionEventsOf(referenceId);
    expect(events.map((e) => [e.type, e.data.connection?.provider])).toEqual([
      ['connection.deleted', 'GARMIN'],
      ['connection.created', 'FITBIT'],
      ['connection.created', 'GARMIN'],
      ['connection.created', 'OURA'],
    ]);
    // The whole log, not only this user's part of it, runs from the newest event down.
    const all = (await tenant.api.call('GET', '/api/v1/events?limit=100')).json<{ data: Event[] }>().data;
    expect(all[0]?.id).toBe(events[0]?.id);
    const times = all.map((e) => Date.parse(e.created_at));
    expect(times.every((t, i) => i === 0 || t <= (times[i - 1] ?? 0))).toBe(true);
  });
});

describe('reauthorization events', () => {
  it('a sandbox connection put into reauth_required and reconnected shows both events in GET /api/v1/events', async () => {
    const referenceId = `reauth-${Date.now()}`;
    const { cookie } = await signInOverHttp(origin, tenant.host, tenant.apiKey, referenceId);
    const connectionId = await connectSandboxDevice(origin, tenant.host, cookie, 'OURA');
    const broken = await tenant.api.call('POST', `/api/v1/sandbox/connections/${connectionId}/status`, {
      status: 'reauth_required',
    });
    expect(broken.status).toBe(200);
    expect(broken.json<Connection>()).toMatchObject({ id: connectionId, status: 'reauth_required' });

    const landing = await reconnectSandboxDevice(origin, tenant.host, cookie, {
      id: connectionId,
      provider: 'OURA',
      providerName: 'Oura',
    });
    expect(landing).toBe('/devices?reconnected=OURA');

    const listed = await tenant.api.call('GET', `/api/v1/users/${referenceId}/connections`);
    expect(listed.json<{ data: Connection[] }>().data.map((c) => [c.id, c.status])).toEqual([
      [connectionId, 'active'],
    ]);
    const events = await connectionEventsOf(referenceId);
    expect(events.map((e) => [e.type, e.data.connection?.id, e.data.connection?.status])).toEqual([
      ['connection.reauthorized', connectionId, 'active'],
      ['connection.reauth_required', connectionId, 'reauth_required'],
      ['connection.created', connectionId, 'active'],
    ]);
  });
});
