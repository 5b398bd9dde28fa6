import { describe, expect, inject, it } from 'vitest';
import { multipartForm, request } from '../support/http';
import { actionField, signInOverHttp } from '../support/portal-user';
import { tenantOf } from '../support/factories';
import { TERRA_DEVELOPERS, emulatorAdmin } from '../support/terra-world';
import { answerTerraConsent, comeBack, startConnect } from '../support/terra-flow';

const origin = inject('origin');
const terraUrl = inject('terraUrl');
const fitco = tenantOf('fitco');
const vitaco = tenantOf('vitaco');

const emulator = emulatorAdmin(terraUrl);

/** Clears fitco's and vitaco's Terra accounts only: other files' accounts share the emulator. */
async function resetOwnAccounts() {
  for (const { devId } of [TERRA_DEVELOPERS.fitco, TERRA_DEVELOPERS.vitaco]) {
    await emulator('reset', { dev_id: devId });
  }
}

type EmulatorState = {
  users: { user_id: string; reference_id: string | null; provider: string; dev_id?: string }[];
};

describe('terra source', () => {
  it("names providers from our one catalogue, not Terra's spelling", async () => {
    const listed = await fitco.api.call('GET', '/api/v1/providers');
    expect(listed.status).toBe(200);
    const names = Object.fromEntries(
      listed.json<{ data: { id: string; name: string }[] }>().data.map((p) => [p.id, p.name]),
    );
    // The emulator, like Terra, sends "WHOOP" and "COROS".
    expect([names.WHOOP, names.COROS, names.OURA]).toEqual(['Whoop', 'Coros', 'Oura']);
  });

  it('connects through the widget, confirms with userInfo, and disconnects at Terra', async () => {
    const user = await signInOverHttp(origin, fitco.host, fitco.apiKey, 'a+b@example.com');
    const widget = await startConnect(origin, fitco.host, user.cookie, 'OURA');
    expect(widget.origin).toBe(terraUrl);

    const back = await answerTerraConsent(widget, 'allow');
    expect(back.pathname).toBe('/devices/return');
    const returned = await comeBack(origin, fitco.host, user.cookie, back);
    expect(returned.status).toBe(303);
    expect(returned.headers.location).toBe('/devices?connected=OURA');

    // reference_id with "+" reached Terra decoded exactly.
    const requests = await emulator<{ requests: { path: string; query: Record<string, string> }[] }>(
      'requests',
    );
    const byReference = requests.requests.filter(
      (r) => r.path.endsWith('/userInfo') && r.query.reference_id !== undefined,
    );
    expect(byReference.map((r) => r.query.reference_id)).toContain('a+b@example.com');
    const state = await emulator<EmulatorState>('state');
    const terraUser = state.users.find((u) => u.reference_id === 'a+b@example.com');
    expect(terraUser).toBeDefined();

    const listed = await fitco.api.call(
      'GET',
      `/api/v1/users/${encodeURIComponent('a+b@example.com')}/connections`,
    );
    const [connection] = listed.json<{
      data: { id: string; status: string; provider: string; source: string }[];
    }>().data;
    expect(connection).toMatchObject({ provider: 'OURA', status: 'active', source: 'terra' });

    const deleted = await fitco.api.call('DELETE', `/api/v1/connections/${connection?.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json<{ status: string }>().status).toBe('disconnected');
    const after = await emulator<EmulatorState>('state');
    expect(after.users.find((u) => u.user_id === terraUser?.user_id)).toBeUndefined();
  });

  it('a denied consent, or a return that claims success for a user Terra does not know, connects nothing', async () => {
    const user = await signInOverHttp(origin, fitco.host, fitco.apiKey, 'deny-user');
    const denied = await comeBack(
      origin,
      fitco.host,
      user.cookie,
      await answerTerraConsent(await startConnect(origin, fitco.host, user.cookie, 'GARMIN'), 'deny'),
    );
    expect(denied.headers.location).toBe('/devices?connect_error=denied&provider=GARMIN');

    // Terra's redirect carries no proof: take a real failure redirect and make it claim success.
    const forged = await answerTerraConsent(
      await startConnect(origin, fitco.host, user.cookie, 'GARMIN'),
      'deny',
    );
    expect(forged.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    forged.searchParams.set('result', 'success');
    forged.searchParams.set('user_id', 'forged-user-id');
    forged.searchParams.set('resource', 'GARMIN');
    const claimed = await comeBack(origin, fitco.host, user.cookie, forged);
    expect(claimed.headers.location).toBe('/devices?connect_error=unconfirmed&provider=GARMIN');
    const listed = await fitco.api.call('GET', '/api/v1/users/deny-user/connections');
    expect(listed.json<{ data: unknown[] }>().data).toEqual([]);
  });

  it('drops rows Terra returns for another reference_id', async () => {
    await emulator('users', { dev_id: 'fitco-testing', provider: 'POLAR', reference_id: 'row-owner' });
    await emulator('users', { dev_id: 'fitco-testing', provider: 'WHOOP', reference_id: 'someone-else' });
    await emulator('faults', {
      dev_id: 'fitco-testing',
      method: 'GET',
      path: '/userInfo',
      kind: 'foreign_row',
      count: 5,
    });
    const user = await signInOverHttp(origin, fitco.host, fitco.apiKey, 'row-owner');
    const page = await request(origin, {
      host: fitco.host,
      path: '/devices/connections',
      headers: { cookie: user.cookie },
    });
    const devices = page.json<{ devices: { provider: string }[] }>().devices.map((d) => d.provider);
    expect(devices).toEqual(['POLAR']);
    await resetOwnAccounts();
  });

  it('keeps two Terra accounts apart', async () => {
    await emulator('users', { dev_id: 'vitaco-testing', provider: 'OURA', reference_id: 'shared-ref' });
    const fitcoUser = await signInOverHttp(origin, fitco.host, fitco.apiKey, 'shared-ref');
    const fitcoDevices = await request(origin, {
      host: fitco.host,
      path: '/devices/connections',
      headers: { cookie: fitcoUser.cookie },
    });
    expect(fitcoDevices.json<{ devices: unknown[] }>().devices).toEqual([]);
    const vitacoUser = await signInOverHttp(origin, vitaco.host, vitaco.apiKey, 'shared-ref');
    const vitacoDevices = await request(origin, {
      host: vitaco.host,
      path: '/devices/connections',
      headers: { cookie: vitacoUser.cookie },
    });
    expect(vitacoDevices.json<{ devices: { provider: string }[] }>().devices.map((d) => d.provider)).toEqual([
      'OURA',
    ]);
    await resetOwnAccounts();
  });
});

describe('terra reconnect', () => {
  it('a reconnect keeps the connection id and takes the new Terra user id', async () => {
    const referenceId = 'reconnect-user';
    const { user: first } = await emulator<{ user: { user_id: string } }>('users', {
      dev_id: 'fitco-testing',
      provider: 'OURA',
      reference_id: referenceId,
    });
    const { cookie } = await signInOverHttp(origin, fitco.host, fitco.apiKey, referenceId);
    const before = (
      await request(origin, { host: fitco.host, path: '/devices/connections', headers: { cookie } })
    ).json<{ devices: { id: string }[] }>();
    const connectionId = before.devices[0]?.id ?? '';
    await emulator('trigger', { dev_id: 'fitco-testing', user_id: first.user_id, type: 'access_revoked' });
    await expect
      .poll(
        async () =>
          (
            await request(origin, { host: fitco.host, path: '/devices/connections', headers: { cookie } })
          ).json<{ devices: { status: string }[] }>().devices[0]?.status,
      )
      .toBe('reauth_required');

    const page = await request(origin, { host: fitco.host, path: '/devices', headers: { cookie } });
    const form = multipartForm({
      ...actionField(page.body, '>Reconnect Oura<'),
      provider: 'OURA',
      connection_id: connectionId,
    });
    const started = await request(origin, {
      host: fitco.host,
      path: '/devices',
      method: 'POST',
      headers: { cookie, 'content-type': form.contentType },
      body: form.body,
    });
    expect(started.status).toBe(303);
    const back = await answerTerraConsent(new URL(started.headers.location ?? ''), 'allow');
    const returned = await comeBack(origin, fitco.host, cookie, back);
    expect(returned.headers.location).toBe('/devices?reconnected=OURA');

    const listed = await fitco.api.call('GET', `/api/v1/users/${referenceId}/connections`);
    const connections = listed.json<{ data: { id: string; status: string }[] }>().data;
    expect(connections).toEqual([expect.objectContaining({ id: connectionId, status: 'active' })]);
    const terraUsers = (await emulator<EmulatorState>('state')).users.filter(
      (u) => u.reference_id === referenceId,
    );
    expect(terraUsers).toHaveLength(1);
    expect(terraUsers[0]?.user_id).not.toBe(first.user_id);
    await resetOwnAccounts();
  });
});
