// The Terra emulator over real HTTP, checked against the examples of
// /work/shared/platforms/terra.md (sections 2, 3, 4, 6, 7).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTerraEmulator } from './server.js';
import type { TerraEmulator } from './server.js';
import { call, createDeveloper, isValidSignature, startWebhookReceiver } from './test-support.js';
import type { TestDeveloper, WebhookReceiver } from './test-support.js';

let emulator: TerraEmulator;
let receiver: WebhookReceiver;
let dev: TestDeveloper;

beforeAll(async () => {
  emulator = await startTerraEmulator();
  receiver = await startWebhookReceiver();
  dev = await createDeveloper(emulator.url, receiver);
});

afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

async function seedUser(devId: string, provider: string, referenceId: string | null) {
  const reply = await call(emulator.url, '/__emulator/users', {
    method: 'POST',
    json: { dev_id: devId, provider, reference_id: referenceId },
  });
  expect(reply.status).toBe(201);
  const { user } = reply.json() as { user: { user_id: string } };
  return user;
}

describe('credentials', () => {
  it.each(['/v2', '/api/v2'])('answers 401 problem JSON under %s without valid keys', async (prefix) => {
    const attempts: Array<Record<string, string>> = [
      {},
      { 'dev-id': dev.devId },
      { ...dev.headers, 'x-api-key': 'wrong' },
    ];
    for (const headers of attempts) {
      const reply = await call(emulator.url, `${prefix}/userInfo?user_id=x`, { headers });
      expect(reply.status).toBe(401);
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
      expect(reply.json()).toMatchObject({
        type: expect.any(String),
        title: expect.any(String),
        detail: expect.any(String),
        instance: `${prefix}/userInfo`,
      });
    }
  });

  it('answers the widget with 403 {status, message}', async () => {
    const reply = await call(emulator.url, '/api/widget/session', {
      method: 'POST',
      headers: { 'dev-id': dev.devId, 'x-api-key': 'wrong' },
      json: {},
    });
    expect(reply.status).toBe(403);
    expect(reply.json()).toEqual({ status: 'error', message: expect.any(String) });
  });

  it('refuses a JSON body sent without Content-Type: application/json', async () => {
    const reply = await call(emulator.url, '/api/widget/session', {
      method: 'POST',
      headers: { ...dev.headers, accept: 'application/json' },
      body: JSON.stringify({ reference_id: 'r1' }),
    });
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({ status: 'error', message: expect.any(String) });
  });
});

describe('widget sessions', () => {
  it.each(['/api/widget/session', '/widget/api/session', '/widget/session'])(
    'POST %s returns session_id, url, status, expires_in',
    async (path) => {
      const reply = await call(emulator.url, path, {
        method: 'POST',
        headers: dev.headers,
        json: { reference_id: 'r1', providers: 'OURA,GARMIN', language: 'en' },
      });
      expect(reply.status).toBe(200);
      const body = reply.json() as { session_id: string; url: string };
      expect(body).toEqual({
        session_id: expect.any(String),
        url: `${emulator.url}/widget/session/${body.session_id}`,
        status: 'success',
        expires_in: 900,
      });
    },
  );

  it('warns about unknown providers', async () => {
    const reply = await call(emulator.url, '/api/widget/session', {
      method: 'POST',
      headers: dev.headers,
      json: { providers: 'OURA,NOPE' },
    });
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({
      status: 'success',
      warnings: [expect.stringContaining('NOPE')],
    });
  });

  it('serves the legacy endpoint with the same reply, or 410 once set gone', async () => {
    const legacy = await call(emulator.url, '/v2/auth/generateWidgetSession', {
      method: 'POST',
      headers: dev.headers,
      json: { reference_id: 'r1' },
    });
    expect(legacy.status).toBe(200);
    expect(legacy.json()).toMatchObject({
      status: 'success',
      expires_in: 900,
      session_id: expect.any(String),
    });

    const gone = await createDeveloper(emulator.url, receiver, { legacy_widget_gone: true });
    const reply = await call(emulator.url, '/api/v2/auth/generateWidgetSession', {
      method: 'POST',
      headers: gone.headers,
      json: {},
    });
    expect(reply.status).toBe(410);
    expect(reply.json()).toEqual({
      status: 'error',
      message: expect.stringContaining('/api/widget/session'),
    });
  });
});

describe('authenticateUser', () => {
  it('returns user_id and auth_url, and the user exists before the flow ends', async () => {
    const reply = await call(emulator.url, '/v2/auth/authenticateUser?resource=OURA', {
      method: 'POST',
      headers: dev.headers,
      json: { reference_id: 'direct-1' },
    });
    expect(reply.status).toBe(200);
    const body = reply.json() as { user_id: string; auth_url: string };
    expect(body).toEqual({
      status: 'success',
      user_id: expect.any(String),
      auth_url: expect.any(String),
    });
    expect(body.auth_url.startsWith(`${emulator.url}/`)).toBe(true);
    const info = await call(emulator.url, `/v2/userInfo?user_id=${body.user_id}`, {
      headers: dev.headers,
    });
    expect(info.status).toBe(200);
  });

  it('answers 404 for an unknown resource and 400 for SDK-only or missing ones', async () => {
    const post = (query: string) =>
      call(emulator.url, `/v2/auth/authenticateUser${query}`, {
        method: 'POST',
        headers: dev.headers,
      });
    expect((await post('?resource=NOPE')).status).toBe(404);
    expect((await post('?resource=oura')).status).toBe(404);
    expect((await post('?resource=APPLE')).status).toBe(400);
    expect((await post('')).status).toBe(400);
  });
});

describe('userInfo', () => {
  it('returns one user by user_id with the documented fields', async () => {
    const user = await seedUser(dev.devId, 'OURA', 'info-1');
    const reply = await call(emulator.url, `/api/v2/userInfo?user_id=${user.user_id}`, {
      headers: dev.headers,
    });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({
      user: {
        user_id: user.user_id,
        provider: 'OURA',
        reference_id: 'info-1',
        created_at: expect.any(String),
        last_webhook_update: null,
        scopes: expect.any(String),
        active: true,
        last_polled_at: expect.any(String),
        most_recent_data_at: expect.any(String),
      },
      status: 'success',
      is_authenticated: true,
    });
  });

  it('answers 404 for an unknown user_id and when neither parameter is given', async () => {
    expect((await call(emulator.url, '/v2/userInfo?user_id=nobody', { headers: dev.headers })).status).toBe(
      404,
    );
    expect((await call(emulator.url, '/v2/userInfo', { headers: dev.headers })).status).toBe(404);
  });

  it('finds users by a URL-encoded reference_id holding "+", while a raw "+" reads as a space', async () => {
    const user = await seedUser(dev.devId, 'GARMIN', 'a+b@example.com');
    const encoded = await call(
      emulator.url,
      `/v2/userInfo?reference_id=${encodeURIComponent('a+b@example.com')}`,
      { headers: dev.headers },
    );
    expect(encoded.json()).toEqual({ users: [expect.objectContaining({ user_id: user.user_id })] });

    const raw = await call(emulator.url, '/v2/userInfo?reference_id=a+b@example.com', {
      headers: dev.headers,
    });
    expect(raw.json()).toEqual({ users: [] });
    const log = (await call(emulator.url, '/__emulator/requests')).json() as {
      requests: Array<{ query: Record<string, string> }>;
    };
    const queries = log.requests.map((entry) => entry.query['reference_id']);
    expect(queries).toContain('a+b@example.com');
    expect(queries).toContain('a b@example.com');
  });

  it('can answer a bare array instead of {users}', async () => {
    const bare = await createDeveloper(emulator.url, receiver, { userinfo_bare_array: true });
    await seedUser(bare.devId, 'OURA', 'bare-1');
    const reply = await call(emulator.url, '/v2/userInfo?reference_id=bare-1', {
      headers: bare.headers,
    });
    expect(reply.json()).toEqual([expect.objectContaining({ reference_id: 'bare-1' })]);
  });

  it("never shows one developer another developer's users", async () => {
    const other = await createDeveloper(emulator.url, receiver);
    const user = await seedUser(dev.devId, 'OURA', 'shared-ref');
    const byId = await call(emulator.url, `/v2/userInfo?user_id=${user.user_id}`, {
      headers: other.headers,
    });
    expect(byId.status).toBe(404);
    const byRef = await call(emulator.url, '/v2/userInfo?reference_id=shared-ref', {
      headers: other.headers,
    });
    expect(byRef.json()).toEqual({ users: [] });
    const deauth = await call(emulator.url, `/v2/auth/deauthenticateUser?user_id=${user.user_id}`, {
      method: 'DELETE',
      headers: other.headers,
    });
    expect(deauth.status).toBe(404);
  });
});

describe('deauthenticateUser', () => {
  it('deletes the user, answers success, then sends a signed deauth webhook', async () => {
    const user = await seedUser(dev.devId, 'WHOOP', 'bye-1');
    const reply = await call(emulator.url, `/v2/auth/deauthenticateUser?user_id=${user.user_id}`, {
      method: 'DELETE',
      headers: dev.headers,
    });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ status: 'success' });
    const info = await call(emulator.url, `/v2/userInfo?user_id=${user.user_id}`, {
      headers: dev.headers,
    });
    expect(info.status).toBe(404);

    const [hook] = await receiver.waitFor(
      (h) => h.body['type'] === 'deauth' && JSON.stringify(h.body).includes(user.user_id),
    );
    expect(hook?.body).toMatchObject({
      type: 'deauth',
      status: 'success',
      user: { user_id: user.user_id },
    });
    expect(isValidSignature(hook?.headers['terra-signature'], hook?.rawBody ?? '', dev.signingSecret)).toBe(
      true,
    );
  });

  it('answers 404 for an unknown user', async () => {
    const reply = await call(emulator.url, '/v2/auth/deauthenticateUser?user_id=nobody', {
      method: 'DELETE',
      headers: dev.headers,
    });
    expect(reply.status).toBe(404);
  });
});

describe('integrations', () => {
  it('lists providers and SDK providers without credentials', async () => {
    const reply = await call(emulator.url, '/v2/integrations');
    expect(reply.status).toBe(200);
    const body = reply.json() as { providers: string[]; sdk_providers: string[]; status: string };
    expect(body.status).toBe('success');
    expect(body.providers).toEqual(expect.arrayContaining(['GARMIN', 'OURA']));
    expect(body.providers).not.toContain('APPLE');
    expect(body.sdk_providers).toEqual(expect.arrayContaining(['APPLE', 'SAMSUNG']));
  });

  it('lists detailed providers, SDK ones only with sdk=true', async () => {
    const plain = (await call(emulator.url, '/api/v2/integrations/detailed')).json() as {
      providers: Array<{ provider: string }>;
    };
    expect(plain).toMatchObject({ status: 'success' });
    expect(plain.providers).toContainEqual({
      provider: 'OURA',
      name: 'Oura',
      icon: expect.stringMatching(/^http/),
      enabled: true,
    });
    expect(plain.providers.map((p) => p.provider)).not.toContain('APPLE');
    const withSdk = (await call(emulator.url, '/v2/integrations/detailed?sdk=true')).json() as {
      providers: Array<{ provider: string }>;
    };
    expect(withSdk.providers.map((p) => p.provider)).toContain('APPLE');
  });
});
