// Fault injection, admin routes and the CLI runner (contract sections 6 and 7).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTerraEmulator } from './server.js';
import type { TerraEmulator } from './server.js';
import { call, createDeveloper, startWebhookReceiver } from './test-support.js';
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

async function addFault(fault: Record<string, unknown>): Promise<void> {
  const reply = await call(emulator.url, '/__emulator/faults', {
    method: 'POST',
    json: { dev_id: dev.devId, ...fault },
  });
  expect(reply.status).toBe(201);
}

const userInfo = (prefix = '/v2', options: { signal?: AbortSignal } = {}) =>
  call(emulator.url, `${prefix}/userInfo?reference_id=faulty`, {
    headers: dev.headers,
    ...options,
  });

describe('faults', () => {
  it('answers 429 with Retry-After for `count` requests, then normally', async () => {
    await addFault({
      method: 'GET',
      path: '/userInfo',
      kind: 'status429',
      count: 2,
      retry_after: 3,
    });
    for (const prefix of ['/v2', '/api/v2']) {
      const reply = await userInfo(prefix);
      expect(reply.status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('3');
      expect(reply.json()).toEqual({ detail: 'rate limit exceeded' });
    }
    expect((await userInfo()).status).toBe(200);
  });

  it('answers 500, 410 and malformed JSON', async () => {
    await addFault({ method: 'GET', path: '/userInfo', kind: 'status500' });
    const failed = await userInfo();
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toBe('application/problem+json');

    await addFault({ method: 'GET', path: '/userInfo', kind: 'status410' });
    expect((await userInfo()).status).toBe(410);

    await addFault({ method: 'GET', path: '/userInfo', kind: 'malformed_json' });
    const malformed = await userInfo();
    expect(malformed.status).toBe(200);
    expect(() => malformed.json()).toThrow();
  });

  it('adds latency', async () => {
    await addFault({ method: 'GET', path: '/userInfo', kind: 'latency', ms: 40 });
    const started = performance.now();
    expect((await userInfo()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('hangs until the client gives up', async () => {
    await addFault({ method: 'GET', path: '/userInfo', kind: 'hang' });
    await expect(userInfo('/v2', { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect((await userInfo()).status).toBe(200);
  });

  it('adds a userInfo row for another reference_id', async () => {
    await call(emulator.url, '/__emulator/users', {
      method: 'POST',
      json: { dev_id: dev.devId, provider: 'OURA', reference_id: 'faulty' },
    });
    await addFault({ method: 'GET', path: '/userInfo', kind: 'foreign_row' });
    const { users } = (await userInfo()).json() as { users: Array<{ reference_id: string }> };
    expect(users.map((user) => user.reference_id)).toEqual(['faulty', expect.not.stringMatching(/^faulty$/)]);
  });

  it('matches method, path and dev-id only', async () => {
    await addFault({ method: 'POST', path: '/api/widget/session', kind: 'status500' });
    expect((await userInfo()).status).toBe(200);
    const other = await createDeveloper(emulator.url, receiver);
    const otherReply = await call(emulator.url, '/api/widget/session', {
      method: 'POST',
      headers: other.headers,
      json: {},
    });
    expect(otherReply.status).toBe(200);
    const reply = await call(emulator.url, '/api/widget/session', {
      method: 'POST',
      headers: dev.headers,
      json: {},
    });
    expect(reply.status).toBe(500);
  });
});

describe('admin routes', () => {
  it('shows state and request logs without API keys or signing secrets', async () => {
    await call(emulator.url, '/v2/userInfo?reference_id=state', { headers: dev.headers });
    const state = await call(emulator.url, '/__emulator/state');
    expect(state.json()).toMatchObject({
      developers: expect.arrayContaining([expect.objectContaining({ dev_id: dev.devId })]),
      users: expect.any(Array),
      sessions: expect.any(Array),
    });
    const requests = await call(emulator.url, '/__emulator/requests');
    expect(requests.json()).toMatchObject({
      requests: expect.arrayContaining([
        expect.objectContaining({
          method: 'GET',
          path: '/v2/userInfo',
          query: { reference_id: 'state' },
          dev_id: dev.devId,
        }),
      ]),
    });
    const webhooks = await call(emulator.url, '/__emulator/webhooks');
    for (const text of [state.text, requests.text, webhooks.text]) {
      expect(text).not.toContain(dev.apiKey);
      expect(text).not.toContain(dev.signingSecret);
    }
  });

  it('resets users but keeps developers, or everything with {all:true}', async () => {
    const own = await startTerraEmulator({
      developers: [{ devId: 'd1', apiKey: 'k1', signingSecret: 's1' }],
    });
    try {
      const headers = { 'dev-id': 'd1', 'x-api-key': 'k1' };
      await call(own.url, '/__emulator/users', {
        method: 'POST',
        json: { dev_id: 'd1', provider: 'OURA', reference_id: 'r' },
      });
      await call(own.url, '/__emulator/reset', { method: 'POST', json: {} });
      expect((await call(own.url, '/v2/userInfo?reference_id=r', { headers })).json()).toEqual({
        users: [],
      });
      await call(own.url, '/__emulator/reset', { method: 'POST', json: { all: true } });
      expect((await call(own.url, '/v2/userInfo?reference_id=r', { headers })).status).toBe(401);
    } finally {
      await own.close();
    }
  });

  it("resets one developer's users and faults with {dev_id}, leaving the other account's alone", async () => {
    const own = await startTerraEmulator({
      developers: [
        { devId: 'd1', apiKey: 'k1', signingSecret: 's1' },
        { devId: 'd2', apiKey: 'k2', signingSecret: 's2' },
      ],
    });
    try {
      for (const devId of ['d1', 'd2']) {
        await call(own.url, '/__emulator/users', {
          method: 'POST',
          json: { dev_id: devId, provider: 'OURA', reference_id: 'r' },
        });
        await call(own.url, '/__emulator/faults', {
          method: 'POST',
          json: { dev_id: devId, method: 'GET', path: '/userInfo', kind: 'status500', count: 5 },
        });
      }
      await call(own.url, '/__emulator/reset', { method: 'POST', json: { dev_id: 'd1' } });
      const d1 = await call(own.url, '/v2/userInfo?reference_id=r', {
        headers: { 'dev-id': 'd1', 'x-api-key': 'k1' },
      });
      expect([d1.status, d1.json()]).toEqual([200, { users: [] }]);
      const d2 = await call(own.url, '/v2/userInfo?reference_id=r', {
        headers: { 'dev-id': 'd2', 'x-api-key': 'k2' },
      });
      expect(d2.status).toBe(500);
      const listed = (await call(own.url, '/__emulator/faults')).json() as { faults: { devId: string }[] };
      expect(listed.faults.map((fault) => fault.devId)).toEqual(['d2']);
    } finally {
      await own.close();
    }
  });
});

describe('CLI runner', () => {
  it('prints {"url"} and serves the configured developer until SIGTERM', async () => {
    const tsx = path.resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
    const child = spawn(
      tsx,
      [path.join(import.meta.dirname, 'main.ts'), '--port', '0', '--dev', 'cli:key:secret'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const line = await new Promise<string>((resolve) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        if (buffered.includes('\n')) resolve(buffered.split('\n')[0] ?? '');
      });
    });
    const { url } = JSON.parse(line) as { url: string };
    const reply = await call(url, '/v2/userInfo?reference_id=x', {
      headers: { 'dev-id': 'cli', 'x-api-key': 'key' },
    });
    expect(reply.json()).toEqual({ users: [] });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
