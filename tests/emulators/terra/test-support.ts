// Helpers for the emulator's own tests: an HTTP client for the emulator, a local webhook
// receiver, and a signature check written from the contract (not from the emulator's code).
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

export type Reply = {
  status: number;
  headers: Headers;
  text: string;
  json(): unknown;
};

export type Call = {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is, with whatever headers the test passes. */
  body?: string;
  signal?: AbortSignal;
};

export async function call(baseUrl: string, path: string, options: Call = {}): Promise<Reply> {
  const headers = { ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: body ?? null,
    redirect: 'manual',
    signal: options.signal ?? null,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

export type TestDeveloper = {
  devId: string;
  apiKey: string;
  signingSecret: string;
  headers: Record<string, string>;
  webhookPath: string;
};

let developerCount = 0;

/** Registers a fresh developer through the admin API, its webhooks going to the receiver. */
export async function createDeveloper(
  baseUrl: string,
  receiver: WebhookReceiver,
  settings: Record<string, unknown> = {},
): Promise<TestDeveloper> {
  developerCount += 1;
  const devId = `dev-${developerCount}-${Math.random().toString(36).slice(2, 8)}`;
  const apiKey = `key-${devId}-secret-value`;
  const signingSecret = `whsec-${devId}-signing-value`;
  const webhookPath = `/hooks/${devId}`;
  const reply = await call(baseUrl, '/__emulator/developers', {
    method: 'POST',
    json: {
      dev_id: devId,
      api_key: apiKey,
      signing_secret: signingSecret,
      webhook_url: `${receiver.url}${webhookPath}`,
      ...settings,
    },
  });
  if (reply.status !== 200) throw new Error(`developer setup failed: ${reply.text}`);
  return {
    devId,
    apiKey,
    signingSecret,
    headers: { 'dev-id': devId, 'x-api-key': apiKey },
    webhookPath,
  };
}

export type ReceivedWebhook = {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: Record<string, unknown>;
  status: number;
};

type Waiter = {
  predicate: (hook: ReceivedWebhook) => boolean;
  count: number;
  resolve: (hooks: ReceivedWebhook[]) => void;
};

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once `count` webhooks matching the predicate have arrived (past ones count). */
  waitFor(predicate: (hook: ReceivedWebhook) => boolean, count?: number): Promise<ReceivedWebhook[]>;
  /** Answers the next deliveries to `path` with these status codes, then 200 again. */
  answerNext(path: string, statuses: number[]): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: Waiter[] = [];
  const scripted = new Map<string, number[]>();
  const matching = (waiter: Waiter): ReceivedWebhook[] => received.filter(waiter.predicate);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const status = scripted.get(path)?.shift() ?? 200;
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const body: Record<string, unknown> = JSON.parse(rawBody);
      received.push({ path, headers: req.headers, rawBody, body, status });
      res.writeHead(status).end();
      for (const waiter of [...waiters]) {
        const hooks = matching(waiter);
        if (hooks.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(hooks);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    waitFor(predicate, count = 1) {
      return new Promise((resolve) => {
        const waiter: Waiter = { predicate, count, resolve };
        const hooks = matching(waiter);
        if (hooks.length >= count) resolve(hooks);
        else waiters.push(waiter);
      });
    },
    answerNext(path, statuses) {
      scripted.set(path, [...statuses]);
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Section 5: `t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`. */
export function readSignature(header: string | string[] | undefined): { t: number; v1: string } {
  const parts = new Map(
    String(header)
      .split(',')
      .map((part): [string, string] => {
        const equals = part.indexOf('=');
        return [part.slice(0, equals).trim(), part.slice(equals + 1)];
      }),
  );
  return { t: Number(parts.get('t')), v1: parts.get('v1') ?? '' };
}

export function isValidSignature(
  header: string | string[] | undefined,
  rawBody: string,
  secret: string,
): boolean {
  const { t, v1 } = readSignature(header);
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Query parameters as a browser would read them from a redirect `Location`. */
export function redirectQuery(location: string | null): URLSearchParams {
  return new URL(location ?? 'http://missing.invalid').searchParams;
}

/**
 * Re-reads until `check` passes, for state the emulator records just after a webhook answer.
 * Each round is an HTTP round trip, so no timers are involved.
 */
export async function readUntil<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  rounds = 50,
): Promise<T> {
  let value = await read();
  for (let round = 1; round < rounds && !check(value); round += 1) value = await read();
  return value;
}
