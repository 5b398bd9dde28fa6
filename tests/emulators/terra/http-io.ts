// Reading requests and writing the contract's three answer styles: problem JSON (REST),
// `{status,message}` (widget and older endpoints) and HTML (consent page).
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1_000_000;

export type JsonObject = Record<string, unknown>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasJsonContentType(req: IncomingMessage): boolean {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/** An empty body is an empty object; any other body must be declared as JSON (section 2). */
export function parseJsonBody(req: IncomingMessage, raw: string): Parsed<JsonObject> {
  if (raw.trim() === '') return { ok: true, value: {} };
  if (!hasJsonContentType(req)) {
    return { ok: false, message: 'Content-Type must be application/json' };
  }
  try {
    const value: unknown = JSON.parse(raw);
    if (!isJsonObject(value)) return { ok: false, message: 'Body must be a JSON object' };
    return { ok: true, value };
  } catch {
    return { ok: false, message: 'Body is not valid JSON' };
  }
}

/** Reads optional string fields; a present non-string value is a 400. */
export function pickStrings<K extends string>(
  body: JsonObject,
  keys: readonly K[],
): Parsed<Record<K, string | null>> {
  const picked: Partial<Record<K, string | null>> = {};
  for (const key of keys) {
    const value = body[key];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return { ok: false, message: `${key} must be a string` };
    }
    picked[key] = value ?? null;
  }
  return { ok: true, value: picked as Record<K, string | null> };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const PROBLEM_TYPES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  410: 'gone',
  500: 'internal-error',
};

export function sendProblem(res: ServerResponse, status: number, detail: string, instance: string): void {
  const slug = PROBLEM_TYPES[status] ?? 'error';
  const text = JSON.stringify({
    type: `https://docs.tryterra.co/errors/${slug}`,
    title: slug.replaceAll('-', ' '),
    status,
    detail,
    instance,
  });
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendStatusMessage(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { status: 'error', message });
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
  });
  res.end(html);
}

export function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'content-length': 0 });
  res.end();
}
