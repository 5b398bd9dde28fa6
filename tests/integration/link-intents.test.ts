import { describe, expect, inject, it } from 'vitest';
import { tokenFromUrl } from '../support/api';
import { request } from '../support/http';
import { connectSandboxDevice, signInOverHttp } from '../support/portal-user';
import { tenantOf } from '../support/factories';

const origin = inject('origin');
const acme = tenantOf('acme');
const globex = tenantOf('globex');
const acmeHost = acme.host;
const api = acme.api;

/** Server-rendered HTML without React's text separators. */
function text(html: string): string {
  return html.replaceAll('<!-- -->', '');
}

async function redeemTo(body: Record<string, unknown>) {
  const minted = await api.mintLink(body);
  expect(minted.status).toBe(201);
  const res = await request(origin, {
    host: acmeHost,
    path: `/l/${tokenFromUrl(minted.json<{ url: string }>().url)}`,
    method: 'POST',
  });
  expect(res.status).toBe(303);
  return { location: res.headers.location, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] ?? '' };
}

describe('link intents land where they say', () => {
  it('connect + provider opens that provider’s connect page', async () => {
    const { location, cookie } = await redeemTo({
      reference_id: 'intent-connect',
      intent: 'connect',
      provider: 'oura',
    });
    expect(location).toBe('/devices/connect/OURA');
    const page = await request(origin, { host: acmeHost, path: location ?? '', headers: { cookie } });
    expect(page.status).toBe(200);
    expect(text(page.body).includes('Connect Oura')).toBe(true);
  });

  it('reconnect and disconnect + connection_id open that connection’s page and confirmation', async () => {
    const { cookie } = await signInOverHttp(origin, acmeHost, acme.apiKey, 'intent-owner');
    const connectionId = await connectSandboxDevice(origin, acmeHost, cookie, 'WHOOP');
    const reconnect = await redeemTo({
      reference_id: 'intent-owner',
      intent: 'reconnect',
      connection_id: connectionId,
    });
    expect(reconnect.location).toBe(`/devices/${connectionId}`);
    const disconnect = await redeemTo({
      reference_id: 'intent-owner',
      intent: 'disconnect',
      connection_id: connectionId,
    });
    expect(disconnect.location).toBe(`/devices/${connectionId}/disconnect`);
    const confirm = await request(origin, {
      host: acmeHost,
      path: disconnect.location ?? '',
      headers: { cookie: disconnect.cookie },
    });
    expect(confirm.status).toBe(200);
    expect(text(confirm.body).includes('Disconnect Whoop?')).toBe(true);
  });

  it('refuses a reconnect or disconnect link for another tenant’s, another user’s or no connection, alike', async () => {
    const { cookie } = await signInOverHttp(origin, acmeHost, acme.apiKey, 'intent-victim');
    const connectionId = await connectSandboxDevice(origin, acmeHost, cookie, 'OURA');
    const notFound =
      '{"error":{"type":"not_found","code":"resource_missing","message":"No such connection.","param":"connection_id"}}';
    for (const intent of ['reconnect', 'disconnect']) {
      const attempts = [
        globex.api.mintLink({
          reference_id: 'intent-victim',
          intent,
          connection_id: connectionId,
        }),
        api.mintLink({ reference_id: 'intent-someone-else', intent, connection_id: connectionId }),
        api.mintLink({ reference_id: 'intent-victim', intent, connection_id: 'conn_nosuchconnection' }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(404);
        expect(res.body).toBe(notFound);
      }
    }
  });

  it('shows "Back to {tenant}" with the allowed return URL', async () => {
    const { cookie } = await redeemTo({
      reference_id: 'intent-back',
      return_url: 'https://app.acme.test/settings/devices',
    });
    const page = await request(origin, { host: acmeHost, path: '/devices', headers: { cookie } });
    expect(
      // The header's way back: its accessible name is the full sentence at every width.
      /<a href="https:\/\/app\.acme\.test\/settings\/devices" aria-label="Back to Acme Health"/.test(
        text(page.body),
      ),
    ).toBe(true);
  });
});
