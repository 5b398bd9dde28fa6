import { describe, expect, inject, it } from 'vitest';
import { multipartForm, request } from '../support/http';
import { actionField, connectSandboxDevice, signInOverHttp } from '../support/portal-user';
import { tenantOf } from '../support/factories';

const origin = inject('origin');
const root = inject('rootDomain');
const acme = tenantOf('acme');
const acmeHost = acme.host;
const globexHost = `globex.${root}`;

/** The no-JS confirmation form's fields for one device, read from acme's own page. */
async function disconnectForm(cookie: string, connectionId: string) {
  const page = await request(origin, {
    host: acmeHost,
    path: `/devices/${connectionId}/disconnect`,
    headers: { cookie },
  });
  expect(page.status).toBe(200);
  return multipartForm({ ...actionField(page.body, '>Disconnect<'), connection_id: connectionId });
}

async function connectionStatus(referenceId: string, connectionId: string) {
  const res = await acme.api.call('GET', `/api/v1/users/${referenceId}/connections`);
  const found = res
    .json<{ data: { id: string; status: string }[] }>()
    .data.find((c) => c.id === connectionId);
  return found?.status;
}

describe('a session is valid only on the host of the tenant that issued it', () => {
  it("refuses acme's session in a server action posted on globex's host, and changes nothing", async () => {
    const { cookie } = await signInOverHttp(origin, acmeHost, acme.apiKey, 'isolation-action');
    const connectionId = await connectSandboxDevice(origin, acmeHost, cookie, 'OURA');
    const form = await disconnectForm(cookie, connectionId);
    const res = await request(origin, {
      host: globexHost,
      path: `/devices/${connectionId}/disconnect`,
      method: 'POST',
      headers: { cookie, origin: `http://${globexHost}`, 'content-type': form.contentType },
      body: form.body,
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/expired?reason=session');
    expect(await connectionStatus('isolation-action', connectionId)).toBe('active');

    // Posted from globex's page to acme's host (same site, other origin): Next's CSRF check refuses it,
    // and the server answers 403 rather than Next's 500.
    const crossSite = await request(origin, {
      host: acmeHost,
      path: `/devices/${connectionId}/disconnect`,
      method: 'POST',
      headers: { cookie, origin: `http://${globexHost}`, 'content-type': form.contentType },
      body: form.body,
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).toContain('sent from another site');
    expect(await connectionStatus('isolation-action', connectionId)).toBe('active');

    // The same form on acme's own host works, so the refusal above was the host's doing.
    const own = await request(origin, {
      host: acmeHost,
      path: `/devices/${connectionId}/disconnect`,
      method: 'POST',
      headers: { cookie, origin: `http://${acmeHost}`, 'content-type': form.contentType },
      body: form.body,
    });
    expect(own.status).toBe(303);
    expect(own.headers.location).toBe('/devices?disconnected=OURA');
    expect(await connectionStatus('isolation-action', connectionId)).toBe('disconnected');
  });

  it('answers /api/auth/session from our own check: {} on a foreign host or after sign-out, never a new cookie', async () => {
    const { cookie } = await signInOverHttp(origin, acmeHost, acme.apiKey, 'isolation-auth');
    const own = await request(origin, { host: acmeHost, path: '/api/auth/session', headers: { cookie } });
    expect(own.status).toBe(200);
    expect(own.json()).toEqual({ user: { name: null } });
    expect(own.headers['set-cookie']).toBeUndefined();

    for (const host of [globexHost, root, `nobody.${root}`]) {
      const foreign = await request(origin, { host, path: '/api/auth/session', headers: { cookie } });
      expect(foreign.status, host).toBe(200);
      expect(foreign.json(), host).toEqual({});
      expect(foreign.headers['set-cookie'], host).toBeUndefined();
    }

    const devices = await request(origin, { host: acmeHost, path: '/devices', headers: { cookie } });
    const signOut = multipartForm(actionField(devices.body, '>Sign out<'));
    const signedOut = await request(origin, {
      host: acmeHost,
      path: '/devices',
      method: 'POST',
      headers: { cookie, origin: `http://${acmeHost}`, 'content-type': signOut.contentType },
      body: signOut.body,
    });
    expect(signedOut.status).toBe(303);
    const revoked = await request(origin, { host: acmeHost, path: '/api/auth/session', headers: { cookie } });
    expect(revoked.json()).toEqual({});
    expect(revoked.headers['set-cookie']).toBeUndefined();
  });
});
