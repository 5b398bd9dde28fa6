import { createHmac } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { request } from '../support/http';
import { actionField, signInOverHttp } from '../support/portal-user';
import { multipartForm } from '../support/http';
import { tenantOf } from '../support/factories';
import { TERRA_DEVELOPERS, emulatorAdmin } from '../support/terra-world';

const origin = inject('origin');
const terraUrl = inject('terraUrl');
// This file's own terra tenant and Terra account: it queues faults and resets the account.
const tenant = tenantOf('terra-faults');
const developer = TERRA_DEVELOPERS['terra-faults'];

const emulator = emulatorAdmin(terraUrl);

type Devices = { devices: { id: string; provider: string; status: string }[]; notice: string | null };

/** A user whose Oura is linked at Terra, signed in, with the portal's cache filled from Terra. */
async function userWithOura(referenceId: string) {
  const { user } = await emulator<{ user: { user_id: string } }>('users', {
    dev_id: developer.devId,
    provider: 'OURA',
    reference_id: referenceId,
  });
  const { cookie } = await signInOverHttp(origin, tenant.host, tenant.apiKey, referenceId);
  const devices = await loadDevices(cookie);
  expect(devices.devices.map((d) => [d.provider, d.status])).toEqual([['OURA', 'active']]);
  return { cookie, terraUserId: user.user_id, connectionId: devices.devices[0]?.id ?? '' };
}

async function loadDevices(cookie: string): Promise<Devices> {
  const res = await request(origin, { host: tenant.host, path: '/devices/connections', headers: { cookie } });
  expect(res.status).toBe(200);
  return res.json<Devices>();
}

function signedWebhook(body: string, options: { secret?: string; t?: number; traceId?: string } = {}) {
  const t = options.t ?? Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', options.secret ?? developer.webhookSecret)
    .update(`${t}.${body}`)
    .digest('hex');
  return request(origin, {
    path: `/api/webhooks/terra/${tenant.slug}`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'terra-signature': `t=${t},v1=${v1}`,
      ...(options.traceId ? { 'x-terra-trace-id': options.traceId } : {}),
    },
    body,
  });
}

describe('Terra webhooks', () => {
  it('access_revoked and deauth sent by Terra change the status shown on the next load', async () => {
    const { cookie, terraUserId } = await userWithOura('webhook-user');
    await emulator('trigger', {
      dev_id: developer.devId,
      user_id: terraUserId,
      type: 'access_revoked',
    });
    await expect
      .poll(async () => (await loadDevices(cookie)).devices[0]?.status, { timeout: 5000 })
      .toBe('reauth_required');
    await emulator('trigger', { dev_id: developer.devId, user_id: terraUserId, type: 'deauth' });
    await expect.poll(async () => (await loadDevices(cookie)).devices.length, { timeout: 5000 }).toBe(0);
    const listed = await tenant.api.call('GET', '/api/v1/users/webhook-user/connections');
    expect(listed.json<{ data: { status: string }[] }>().data[0]?.status).toBe('disconnected');
  });

  it('a bad signature, a stale timestamp or a replayed trace id changes nothing', async () => {
    const { cookie, terraUserId } = await userWithOura('attack-user');
    const body = JSON.stringify({
      type: 'access_revoked',
      status: 'warning',
      user: { user_id: terraUserId, provider: 'OURA', reference_id: 'attack-user' },
    });
    expect((await signedWebhook(body, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await signedWebhook(body, { t: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    const unsigned = await request(origin, {
      path: `/api/webhooks/terra/${tenant.slug}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect((await loadDevices(cookie)).devices[0]?.status).toBe('active');

    const signedAt = Math.floor(Date.now() / 1000);
    const first = await signedWebhook(body, { traceId: 'trace-attack-1', t: signedAt });
    expect(first.json<{ duplicate: boolean }>()).toMatchObject({ duplicate: false });
    expect((await loadDevices(cookie)).devices[0]?.status).toBe('reauth_required');
    // Reconnected in between; a replay of the old event must not break it again.
    const reauth = JSON.stringify({
      type: 'auth',
      status: 'success',
      user: { user_id: terraUserId, provider: 'OURA', reference_id: 'attack-user' },
    });
    expect((await signedWebhook(reauth, { traceId: 'trace-attack-2' })).status).toBe(200);
    expect((await loadDevices(cookie)).devices[0]?.status).toBe('active');
    const replay = await signedWebhook(body, { traceId: 'trace-attack-1' });
    expect(replay.status).toBe(200);
    expect(replay.json<{ duplicate: boolean }>()).toMatchObject({ duplicate: true });
    expect((await loadDevices(cookie)).devices[0]?.status).toBe('active');
    // The trace id is not signed: the same signed body under a new one is still a replay.
    const retraced = await signedWebhook(body, { traceId: 'trace-attack-3', t: signedAt });
    expect(retraced.status).toBe(200);
    expect(retraced.json<{ duplicate: boolean }>()).toMatchObject({ duplicate: true });
    expect((await loadDevices(cookie)).devices[0]?.status).toBe('active');
  });

  it('answers 404 for an unknown or non-Terra tenant', async () => {
    expect(
      (await request(origin, { path: '/api/webhooks/terra/acme', method: 'POST', body: '{}' })).status,
    ).toBe(404);
    expect(
      (await request(origin, { path: '/api/webhooks/terra/nobody', method: 'POST', body: '{}' })).status,
    ).toBe(404);
  });
});

describe('Terra faults', () => {
  it.each([
    ['500', { kind: 'status500', count: 3 }],
    ['429 with Retry-After', { kind: 'status429', retry_after: 1, count: 3 }],
    ['malformed JSON', { kind: 'malformed_json', count: 3 }],
    ['a hang past the timeout', { kind: 'hang', count: 1 }],
  ])(
    'on %s the devices page still answers 200 with the cached list and a notice',
    async (name, fault) => {
      const { cookie } = await userWithOura(`fault-${name.replace(/\W+/g, '-')}`);
      await emulator('faults', { method: 'GET', path: '/userInfo', dev_id: developer.devId, ...fault });
      const page = await request(origin, { host: tenant.host, path: '/devices', headers: { cookie } });
      expect(page.status).toBe(200);
      expect(page.body).toContain('Oura');
      expect(page.body).toContain('Statuses may be out of date');
      await emulator('reset', { dev_id: developer.devId });
    },
    20_000,
  );

  it('ten racing DELETEs make one deauthenticateUser call and one connection.deleted, deauth webhook included', async () => {
    const { terraUserId, connectionId } = await userWithOura('racing-terra-user');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => tenant.api.call('DELETE', `/api/v1/connections/${connectionId}`)),
    );
    expect(answers.map((a) => [a.status, a.json<{ status: string }>().status])).toEqual(
      Array(10).fill([200, 'disconnected']),
    );
    type Requests = { requests: { method: string; path: string; query: { user_id?: string } }[] };
    const deauthCalls = (await emulator<Requests>('requests')).requests.filter(
      (r) =>
        r.method === 'DELETE' && r.path === '/v2/auth/deauthenticateUser' && r.query.user_id === terraUserId,
    );
    expect(deauthCalls).toHaveLength(1);
    type Webhooks = {
      webhooks: { type: string; status_code: number | null; payload: { user?: { user_id?: string } } }[];
    };
    await expect
      .poll(async () =>
        (await emulator<Webhooks>('webhooks')).webhooks
          .filter((w) => w.type === 'deauth' && w.payload.user?.user_id === terraUserId)
          .map((w) => w.status_code),
      )
      .toEqual([200]);
    const events = await tenant.api.call('GET', '/api/v1/events?limit=100');
    const forConnection = events
      .json<{ data: { type: string; data: { connection?: { id: string }; initiated_by?: string } }[] }>()
      .data.filter((e) => e.data.connection?.id === connectionId && e.type === 'connection.deleted')
      .map((e) => [e.type, e.data.initiated_by]);
    expect(forConnection).toEqual([['connection.deleted', 'api']]);
    await emulator('reset', { dev_id: developer.devId });
  });

  it('when Terra fails to disconnect, the connection stays listed and the user is told', async () => {
    const { cookie, connectionId } = await userWithOura('deauth-fails');
    await emulator('faults', {
      dev_id: developer.devId,
      method: 'DELETE',
      path: '/auth/deauthenticateUser',
      kind: 'status500',
      count: 2,
    });
    const api = await tenant.api.call('DELETE', `/api/v1/connections/${connectionId}`);
    expect(api.status).toBe(502);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('platform_unavailable');

    const confirm = await request(origin, {
      host: tenant.host,
      path: `/devices/${connectionId}/disconnect`,
      headers: { cookie },
    });
    const form = multipartForm({ ...actionField(confirm.body, '>Disconnect<'), connection_id: connectionId });
    const answer = await request(origin, {
      host: tenant.host,
      path: `/devices/${connectionId}/disconnect`,
      method: 'POST',
      headers: { cookie, 'content-type': form.contentType },
      body: form.body,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('We couldn&#x27;t disconnect Oura. Try again.');
    expect((await loadDevices(cookie)).devices.map((d) => d.status)).toEqual(['active']);
    await emulator('reset', { dev_id: developer.devId });
  });
});
