import { createHmac } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { multipartForm, request } from '../support/http';
import { actionField, signInOverHttp } from '../support/portal-user';
import { tenantOf } from '../support/factories';
import { TERRA_DEVELOPERS, emulatorAdmin } from '../support/terra-world';
import { answerTerraConsent, comeBack } from '../support/terra-flow';

// SPEC §6: what each inbound Terra webhook does to the connection a client sees (devices page, API,
// event log). Bodies come from the emulator, or are signed here with the tenant's Terra secret.

const origin = inject('origin');
const terraUrl = inject('terraUrl');
// This file's own terra tenant and Terra account: it queues faults and resets the account.
const tenant = tenantOf('terra-statuses');
const developer = TERRA_DEVELOPERS['terra-statuses'];
const emulator = emulatorAdmin(terraUrl);
const devId = developer.devId;

type Devices = { devices: { id: string; provider: string; status: string }[]; notice: string | null };
type Event = { type: string; data: { connection?: { id: string; status: string } } };
type Webhooks = {
  webhooks: { type: string; status_code: number | null; payload: unknown }[];
};

async function loadDevices(cookie: string): Promise<Devices> {
  const res = await request(origin, { host: tenant.host, path: '/devices/connections', headers: { cookie } });
  expect(res.status).toBe(200);
  return res.json<Devices>();
}

async function apiConnections(referenceId: string) {
  const res = await tenant.api.call('GET', `/api/v1/users/${referenceId}/connections`);
  expect(res.status).toBe(200);
  return res.json<{ data: { id: string; status: string }[] }>().data.map((c) => [c.id, c.status]);
}

async function eventsFor(connectionId: string) {
  const res = await tenant.api.call('GET', '/api/v1/events?limit=100');
  return res
    .json<{ data: Event[] }>()
    .data.filter((e) => e.data.connection?.id === connectionId)
    .map((e) => [e.type, e.data.connection?.status]);
}

/** A user whose Oura is linked at Terra, signed in, the portal's cache filled from Terra. */
async function userWithOura(referenceId: string) {
  const { user } = await emulator<{ user: { user_id: string } }>('users', {
    dev_id: devId,
    provider: 'OURA',
    reference_id: referenceId,
  });
  const { cookie } = await signInOverHttp(origin, tenant.host, tenant.apiKey, referenceId);
  const devices = await loadDevices(cookie);
  expect(devices.devices.map((d) => [d.provider, d.status])).toEqual([['OURA', 'active']]);
  return { cookie, terraUserId: user.user_id, connectionId: devices.devices[0]?.id ?? '' };
}

/** Posts a webhook to this tenant's endpoint the way Terra signs it: `t=<unix>,v1=<hex HMAC of "t.body">`. */
function sendSignedWebhook(payload: Record<string, unknown>) {
  const body = JSON.stringify(payload);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', developer.webhookSecret).update(`${t}.${body}`).digest('hex');
  return request(origin, {
    path: `/api/webhooks/terra/${tenant.slug}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'terra-signature': `t=${t},v1=${v1}` },
    body,
  });
}

describe('Terra webhooks through the product', () => {
  it('connection_error → error (Terra’s active flag does not undo it); then auth → active, connection.reauthorized', async () => {
    const referenceId = `conn-error-${Date.now()}`;
    const { cookie, terraUserId, connectionId } = await userWithOura(referenceId);
    await emulator('trigger', { dev_id: devId, user_id: terraUserId, type: 'connection_error' });
    await expect.poll(async () => (await loadDevices(cookie)).devices[0]?.status).toBe('error');
    // Terra still lists the user as active; the webhook's status stays.
    expect((await loadDevices(cookie)).devices.map((d) => [d.id, d.status])).toEqual([
      [connectionId, 'error'],
    ]);
    expect(await apiConnections(referenceId)).toEqual([[connectionId, 'error']]);

    const auth = await sendSignedWebhook({
      type: 'auth',
      status: 'success',
      user: { user_id: terraUserId, provider: 'OURA', reference_id: referenceId },
      reference_id: referenceId,
    });
    expect(auth.status).toBe(200);
    expect(await apiConnections(referenceId)).toEqual([[connectionId, 'active']]);
    expect((await loadDevices(cookie)).devices.map((d) => d.status)).toEqual(['active']);
    expect(await eventsFor(connectionId)).toEqual([
      ['connection.reauthorized', 'active'],
      ['connection.created', 'active'],
    ]);
  });

  it('access_revoked → reauth_required with connection.reauth_required', async () => {
    const referenceId = `revoked-${Date.now()}`;
    const { cookie, terraUserId, connectionId } = await userWithOura(referenceId);
    await emulator('trigger', { dev_id: devId, user_id: terraUserId, type: 'access_revoked' });
    await expect.poll(async () => (await loadDevices(cookie)).devices[0]?.status).toBe('reauth_required');
    expect(await apiConnections(referenceId)).toEqual([[connectionId, 'reauth_required']]);
    expect(await eventsFor(connectionId)).toEqual([
      ['connection.reauth_required', 'reauth_required'],
      ['connection.created', 'active'],
    ]);
  });

  it('user_reauth → the same connection, now under the new Terra user id, with connection.reauthorized', async () => {
    const referenceId = `user-reauth-${Date.now()}`;
    const { cookie, terraUserId: oldUserId, connectionId } = await userWithOura(referenceId);
    await emulator('trigger', { dev_id: devId, user_id: oldUserId, type: 'access_revoked' });
    await expect.poll(async () => (await loadDevices(cookie)).devices[0]?.status).toBe('reauth_required');

    // The user reconnects and consents at Terra, which replaces the old user (user_reauth, then auth)…
    const page = await request(origin, { host: tenant.host, path: '/devices', headers: { cookie } });
    const form = multipartForm({
      ...actionField(page.body, '>Reconnect Oura<'),
      provider: 'OURA',
      connection_id: connectionId,
    });
    const started = await request(origin, {
      host: tenant.host,
      path: '/devices',
      method: 'POST',
      headers: { cookie, 'content-type': form.contentType },
      body: form.body,
    });
    expect(started.status).toBe(303);
    const back = await answerTerraConsent(new URL(started.headers.location ?? ''), 'allow');
    // …and closes the tab before Terra sends the browser back: only the webhooks tell the portal.
    const delivered = async () =>
      (await emulator<Webhooks>('webhooks')).webhooks
        .filter((w) => JSON.stringify(w.payload).includes(oldUserId) && w.type === 'user_reauth')
        .map((w) => w.status_code);
    await expect.poll(delivered).toEqual([200]);
    expect(await apiConnections(referenceId)).toEqual([[connectionId, 'active']]);
    expect(await eventsFor(connectionId)).toEqual([
      ['connection.reauthorized', 'active'],
      ['connection.reauth_required', 'reauth_required'],
      ['connection.created', 'active'],
    ]);

    // The browser's late return is the same reconnect: no second connection, no second event.
    const returned = await comeBack(origin, tenant.host, cookie, back);
    expect([returned.status, returned.headers.location]).toEqual([303, '/devices?reconnected=OURA']);
    expect(await apiConnections(referenceId)).toEqual([[connectionId, 'active']]);
    expect((await eventsFor(connectionId)).map(([type]) => type)).toEqual([
      'connection.reauthorized',
      'connection.reauth_required',
      'connection.created',
    ]);

    // The connection now follows the new Terra user: a warning about it reaches this same connection.
    type State = { users: { user_id: string; reference_id: string | null }[] };
    const terraUsers = (await emulator<State>('state')).users.filter((u) => u.reference_id === referenceId);
    expect(terraUsers).toHaveLength(1);
    const newUserId = terraUsers[0]?.user_id ?? '';
    expect(newUserId).not.toBe(oldUserId);
    await emulator('trigger', { dev_id: devId, user_id: newUserId, type: 'connection_error' });
    await expect.poll(async () => apiConnections(referenceId)).toEqual([[connectionId, 'error']]);
  });
});
