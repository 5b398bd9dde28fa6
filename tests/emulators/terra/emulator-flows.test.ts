// Consent page, redirects back, the re-auth rule and signed webhooks (contract sections 3-5).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTerraEmulator } from './server.js';
import type { TerraEmulator } from './server.js';
import {
  call,
  createDeveloper,
  isValidSignature,
  readSignature,
  readUntil,
  redirectQuery,
  startWebhookReceiver,
} from './test-support.js';
import type { ReceivedWebhook, TestDeveloper, WebhookReceiver } from './test-support.js';

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

type SessionBody = { reference_id?: string; providers?: string; [key: string]: unknown };

async function openWidget(body: SessionBody, developer = dev): Promise<{ session_id: string; url: string }> {
  const reply = await call(emulator.url, '/api/widget/session', {
    method: 'POST',
    headers: developer.headers,
    json: {
      auth_success_redirect_url: 'https://app.example/return?state=ok&x=1',
      auth_failure_redirect_url: 'https://app.example/return?state=failed',
      ...body,
    },
  });
  expect(reply.status).toBe(200);
  return reply.json() as { session_id: string; url: string };
}

function answer(pageUrl: string, form: Record<string, string>) {
  return call(pageUrl, '', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

const hooksFor = (developer: TestDeveloper, type: string) => (hook: ReceivedWebhook) =>
  hook.path === developer.webhookPath && hook.body['type'] === type;

describe('consent page', () => {
  it('is an accessible page with a provider picker, Allow and Deny', async () => {
    const { url } = await openWidget({ reference_id: 'page-1' });
    const page = await call(url, '');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toMatch(/<title>[^<]+Terra emulator<\/title>/);
    expect(page.text).toMatch(/<main>[\s\S]*<h1>[^<]+<\/h1>[\s\S]*<\/main>/);
    expect(page.text).toMatch(/<form method="post"/);
    expect(page.text).toMatch(
      /<label for="provider-oura"><input type="radio"[^>]*value="OURA"[^>]*> Oura<\/label>/,
    );
    expect(page.text).toMatch(/<button type="submit"[^>]*>Allow<\/button>/);
    expect(page.text).toMatch(/<button type="submit"[^>]*>Deny<\/button>/);
  });

  it('skips the picker when the session names one provider', async () => {
    const { url } = await openWidget({ providers: 'OURA' });
    const page = await call(url, '');
    expect(page.text).not.toContain('type="radio"');
    expect(page.text).toContain('<h1>Connect Oura</h1>');
  });
});

describe('redirect back', () => {
  it('Allow creates the user and appends user_id, resource, reference_id to the success URL', async () => {
    const { url, session_id } = await openWidget({ reference_id: 'a+b@example.com' });
    const reply = await answer(url, { decision: 'allow', provider: 'GARMIN' });
    expect(reply.status).toBe(303);
    const location = reply.headers.get('location') ?? '';
    expect(location).toMatch(/^https:\/\/app\.example\/return\?state=ok&x=1&user_id=/);
    expect(location).toContain('reference_id=a%2Bb%40example.com');
    const query = redirectQuery(location);
    expect(query.get('resource')).toBe('GARMIN');
    expect(query.get('reference_id')).toBe('a+b@example.com');
    const userId = query.get('user_id') ?? '';

    const info = await call(emulator.url, `/v2/userInfo?user_id=${userId}`, {
      headers: dev.headers,
    });
    expect(info.json()).toMatchObject({
      user: { provider: 'GARMIN', reference_id: 'a+b@example.com' },
    });

    const [hook] = await receiver.waitFor((h) => hooksFor(dev, 'auth')(h) && h.rawBody.includes(userId));
    expect(hook?.body).toEqual({
      type: 'auth',
      status: 'success',
      user: expect.objectContaining({ user_id: userId, provider: 'GARMIN' }),
      reference_id: 'a+b@example.com',
      widget_session_id: session_id,
      message: expect.any(String),
    });
  });

  it('Deny goes to the failure URL with user_id null and sends auth_cancelled', async () => {
    const { url, session_id } = await openWidget({ providers: 'OURA' });
    const reply = await answer(url, { decision: 'deny' });
    expect(reply.status).toBe(303);
    const query = redirectQuery(reply.headers.get('location'));
    expect(query.get('state')).toBe('failed');
    expect(query.get('user_id')).toBe('null');
    expect(query.get('resource')).toBe('OURA');
    expect(query.get('reference_id')).toBe('null');

    const [hook] = await receiver.waitFor(
      (h) => hooksFor(dev, 'auth_cancelled')(h) && h.rawBody.includes(session_id),
    );
    expect(hook?.body).toMatchObject({
      type: 'auth_cancelled',
      status: 'error',
      reference_id: null,
      flow_id: session_id,
      reason: expect.any(String),
    });
    expect(hook?.body).not.toHaveProperty('user');
  });

  it('asks again when Allow comes without a provider', async () => {
    const { url } = await openWidget({});
    const reply = await answer(url, { decision: 'allow' });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('role="alert"');
  });

  it('activates the authenticateUser user on Allow and drops it on Deny', async () => {
    const start = async () =>
      (
        await call(emulator.url, '/v2/auth/authenticateUser?resource=OURA', {
          method: 'POST',
          headers: dev.headers,
          json: {
            reference_id: 'direct-flow',
            auth_success_redirect_url: 'https://app.example/ok',
          },
        })
      ).json() as { user_id: string; auth_url: string };
    const allowed = await start();
    const allow = await answer(allowed.auth_url, { decision: 'allow' });
    expect(redirectQuery(allow.headers.get('location')).get('user_id')).toBe(allowed.user_id);
    const info = await call(emulator.url, `/v2/userInfo?user_id=${allowed.user_id}`, {
      headers: dev.headers,
    });
    expect(info.json()).toMatchObject({ is_authenticated: true, user: { active: true } });

    const denied = await start();
    await answer(denied.auth_url, { decision: 'deny' });
    const gone = await call(emulator.url, `/v2/userInfo?user_id=${denied.user_id}`, {
      headers: dev.headers,
    });
    expect(gone.status).toBe(404);
  });

  it('refuses a used session and an expired one with 410', async () => {
    const { url } = await openWidget({ providers: 'OURA' });
    await answer(url, { decision: 'allow' });
    expect((await call(url, '')).status).toBe(410);

    const shortLived = await createDeveloper(emulator.url, receiver, { widget_expires_in: 1 });
    const session = await openWidget({}, shortLived);
    expect((await call(session.url, '')).status).toBe(200);
    await call(emulator.url, '/__emulator/clock', { method: 'POST', json: { advance_seconds: 2 } });
    const expired = await call(session.url, '');
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('expired');
  });
});

describe('re-auth rule', () => {
  /** Opens a widget for Oura and allows it; returns the user_id from the redirect. */
  async function connectOura(referenceId: string, providerAccount = 'default'): Promise<string> {
    const { url } = await openWidget({ reference_id: referenceId, providers: 'OURA' });
    const reply = await answer(url, { decision: 'allow', provider_account: providerAccount });
    return redirectQuery(reply.headers.get('location')).get('user_id') ?? '';
  }

  it('replaces the user of the same account under the same reference_id and sends user_reauth + auth', async () => {
    const first = await connectOura('again');
    const second = await connectOura('again');
    expect(second).not.toBe(first);

    const old = await call(emulator.url, `/v2/userInfo?user_id=${first}`, { headers: dev.headers });
    expect(old.status).toBe(404);
    const list = await call(emulator.url, '/v2/userInfo?reference_id=again', {
      headers: dev.headers,
    });
    expect(list.json()).toEqual({ users: [expect.objectContaining({ user_id: second })] });

    const [reauth] = await receiver.waitFor(
      (h) => hooksFor(dev, 'user_reauth')(h) && h.rawBody.includes(second),
    );
    expect(reauth?.body).toMatchObject({
      type: 'user_reauth',
      status: 'warning',
      new_user: { user_id: second, reference_id: 'again' },
      old_user: { user_id: first, reference_id: 'again' },
    });
    await receiver.waitFor((h) => hooksFor(dev, 'auth')(h) && h.rawBody.includes(second));
  });

  it('keeps two users when a different account of the same provider connects', async () => {
    await connectOura('two');
    await connectOura('two', 'second-ring');
    const list = (
      await call(emulator.url, '/v2/userInfo?reference_id=two', { headers: dev.headers })
    ).json() as {
      users: unknown[];
    };
    expect(list.users).toHaveLength(2);
  });
});

describe('webhook delivery', () => {
  async function seedAndTrigger(developer: TestDeveloper, type: string) {
    const seeded = await call(emulator.url, '/__emulator/users', {
      method: 'POST',
      json: { dev_id: developer.devId, provider: 'POLAR', reference_id: `hook-${type}` },
    });
    const { user } = seeded.json() as { user: { user_id: string } };
    const reply = await call(emulator.url, '/__emulator/trigger', {
      method: 'POST',
      json: { dev_id: developer.devId, user_id: user.user_id, type },
    });
    expect(reply.status).toBe(200);
    return user;
  }

  it('signs per contract and sends terra-reference and X-Terra-Trace-Id', async () => {
    const user = await seedAndTrigger(dev, 'access_revoked');
    const [hook] = await receiver.waitFor(hooksFor(dev, 'access_revoked'));
    expect(hook?.body).toMatchObject({
      type: 'access_revoked',
      status: 'warning',
      user: { user_id: user.user_id },
    });
    expect(hook?.headers['content-type']).toBe('application/json');
    expect(hook?.headers['terra-reference']).toEqual(expect.any(String));
    expect(hook?.headers['x-terra-trace-id']).toEqual(expect.any(String));
    const { t } = readSignature(hook?.headers['terra-signature']);
    expect(Math.abs(Date.now() / 1000 - t)).toBeLessThan(300);
    expect(isValidSignature(hook?.headers['terra-signature'], hook?.rawBody ?? '', dev.signingSecret)).toBe(
      true,
    );
    expect(isValidSignature(hook?.headers['terra-signature'], hook?.rawBody ?? '', dev.apiKey)).toBe(false);
  });

  it('sends connection_error, and deauth which also deletes the user', async () => {
    await seedAndTrigger(dev, 'connection_error');
    await receiver.waitFor(hooksFor(dev, 'connection_error'));
    const user = await seedAndTrigger(dev, 'deauth');
    await receiver.waitFor((h) => hooksFor(dev, 'deauth')(h) && h.rawBody.includes(user.user_id));
    expect(
      (await call(emulator.url, `/v2/userInfo?user_id=${user.user_id}`, { headers: dev.headers })).status,
    ).toBe(404);
  });

  it('duplicates an event with the same trace id', async () => {
    const twice = await createDeveloper(emulator.url, receiver, { webhook_duplicates: 2 });
    await seedAndTrigger(twice, 'access_revoked');
    const hooks = await receiver.waitFor(hooksFor(twice, 'access_revoked'), 2);
    expect(hooks[0]?.headers['x-terra-trace-id']).toBe(hooks[1]?.headers['x-terra-trace-id']);
  });

  it('retries a non-2xx answer with the same trace id and logs every attempt', async () => {
    const retried = await createDeveloper(emulator.url, receiver, {
      webhook_retries: 2,
      webhook_retry_backoff_ms: 1,
    });
    receiver.answerNext(retried.webhookPath, [500, 503]);
    await seedAndTrigger(retried, 'connection_error');
    const hooks = await receiver.waitFor(hooksFor(retried, 'connection_error'), 3);
    expect(hooks.map((h) => h.status)).toEqual([500, 503, 200]);
    expect(new Set(hooks.map((h) => h.headers['x-terra-trace-id'])).size).toBe(1);
    type LogEntry = { dev_id: string; status_code: number | null; attempt: number };
    const attempts = await readUntil(
      async () => {
        const log = (await call(emulator.url, '/__emulator/webhooks')).json() as {
          webhooks: LogEntry[];
        };
        return log.webhooks.filter((entry) => entry.dev_id === retried.devId);
      },
      (entries) => entries.length >= 3,
    );
    expect(attempts.map((entry) => [entry.attempt, entry.status_code])).toEqual([
      [1, 500],
      [2, 503],
      [3, 200],
    ]);
  });

  it('can sign with a stale timestamp', async () => {
    const stale = await createDeveloper(emulator.url, receiver, { webhook_stale_seconds: 600 });
    await seedAndTrigger(stale, 'access_revoked');
    const [hook] = await receiver.waitFor(hooksFor(stale, 'access_revoked'));
    const { t } = readSignature(hook?.headers['terra-signature']);
    expect(Date.now() / 1000 - t).toBeGreaterThanOrEqual(599);
    expect(isValidSignature(hook?.headers['terra-signature'], hook?.rawBody ?? '', stale.signingSecret)).toBe(
      true,
    );
  });
});
