import http from 'node:http';
import https from 'node:https';
import { type ResolvedAddress, pinnedLookup } from '@/lib/security/url-guard';

export const RESPONSE_EXCERPT_BYTES = 1024;
const USER_AGENT = 'ConnectionsPortal-Webhooks/1';

export type WebhookResponse = { statusCode: number; responseExcerpt: string };

export class WebhookTimeoutError extends Error {
  override name = 'WebhookTimeoutError';
}

/**
 * POSTs one signed body to the vetted address. Redirects are not followed (node:http never does),
 * sockets are not pooled (a pooled socket could be connected to an address vetted for another
 * request), and the whole exchange, headers and excerpt included, must finish within `timeoutMs`.
 */
export function postWebhook(input: {
  url: URL;
  target: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<WebhookResponse> {
  return new Promise((resolve, reject) => {
    const client = input.url.protocol === 'https:' ? https : http;
    const request = client.request(input.url, {
      method: 'POST',
      agent: false,
      lookup: pinnedLookup(input.target),
      signal: input.signal,
      headers: {
        ...input.headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(input.body)),
        'user-agent': USER_AGENT,
      },
    });
    const timer = setTimeout(
      () => request.destroy(new WebhookTimeoutError(`no complete response within ${input.timeoutMs} ms`)),
      input.timeoutMs,
    );
    const settle = (finish: () => void) => {
      clearTimeout(timer);
      finish();
    };
    request.on('error', (error) => settle(() => reject(error)));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let received = 0;
      const done = () =>
        settle(() =>
          resolve({
            statusCode: response.statusCode ?? 0,
            responseExcerpt: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8'),
          }),
        );
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        // Enough to show the tenant what their endpoint said; the rest is never read.
        if (received >= RESPONSE_EXCERPT_BYTES) {
          done();
          request.destroy();
        }
      });
      response.on('end', done);
      response.on('error', (error) => settle(() => reject(error)));
    });
    request.end(input.body);
  });
}
