import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { tokenFromUrl } from '../support/api';
import { serverActions } from '../support/build-manifests';
import { request } from '../support/http';
import { signInOverHttp } from '../support/portal-user';
import { tenantOf } from '../support/factories';

const origin = inject('origin');
const root = inject('rootDomain');
const acme = tenantOf('acme');
const acmeHost = acme.host;

function expectOurHeaders(headers: Record<string, unknown>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(String(headers['content-security-policy'])).toContain("frame-ancestors 'none'");
}

describe('client input never makes a 5xx', () => {
  it.each(['/api/v1/users/%ff/connections', '/devices/%ff', '/l/%ff', '/api/webhooks/terra/%ff'])(
    'answers the invalid percent-encoding in %s with 400 and our headers',
    async (path) => {
      const res = await request(origin, { host: acmeHost, path });
      expect(res.status).toBe(400);
      expectOurHeaders(res.headers);
    },
  );

  it('answers TRACE with 405 and an Allow list, and OPTIONS * with 400', async () => {
    const trace = await request(origin, { host: acmeHost, path: '/', method: 'TRACE' });
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    expectOurHeaders(trace.headers);
    const star = await request(origin, { host: root, path: '*', method: 'OPTIONS' });
    expect(star.status).toBe(400);
  });

  it('never redirects an absolute-form request line to its authority', async () => {
    const res = await request(origin, { host: root, path: 'http://evil.example/' });
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.body).not.toContain('evil.example');
  });

  it('answers a malformed Host with 400 and a host that is not ours with 404, never the apex page', async () => {
    const malformed = await request(origin, { host: 'acme..example.com', path: '/' });
    expect(malformed.status).toBe(400);
    for (const host of [`x.${root}`, `a.b.${root}`, 'localhost']) {
      const res = await request(origin, { host, path: '/' });
      expect(res.status, host).toBe(404);
      expect(res.body).not.toContain('Connections Portal');
    }
  });

  it('renders the page in full for an RSC request with a garbage router state tree', async () => {
    const { cookie } = await signInOverHttp(origin, acmeHost, acme.apiKey, 'rsc-garbage');
    const headers = { cookie, rsc: '1', 'next-router-state-tree': 'garbage' };
    // Next first sends an RSC request without its cache-busting _rsc parameter to the URL with one.
    const first = await request(origin, { host: acmeHost, path: '/devices', headers });
    expect(first.status).toBe(307);
    const res = await request(origin, { host: acmeHost, path: first.headers.location ?? '', headers });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/x-component');
  });

  it('answers a server-action body over 1 MiB with 413', async () => {
    const { cookie } = await signInOverHttp(origin, acmeHost, acme.apiKey, 'big-action');
    const res = await request(origin, {
      host: acmeHost,
      path: '/devices',
      method: 'POST',
      // The declared length is what the gate judges; the refusal comes before the body is read.
      headers: {
        cookie,
        'next-action': '0'.repeat(42),
        'content-type': 'text/plain',
        'content-length': String(1024 * 1024 + 1),
      },
      body: 'a'.repeat(1024),
    });
    expect(res.status).toBe(413);
    expectOurHeaders(res.headers);
  });

  it('answers a streamed (chunked) server-action body over 1 MiB with 400, not a crash', async () => {
    const { cookie } = await signInOverHttp(origin, acmeHost, acme.apiKey, 'big-streamed-action');
    // Without Content-Length the gate cannot judge the size up front; Next stops reading at 1 MiB
    // and its refusal is answered as a request it cannot decode. The same call with a small
    // argument runs the action (which refuses the argument as a form: 200 with field errors).
    const streamedAction = (argumentBytes: number) =>
      request(origin, {
        host: acmeHost,
        path: '/devices',
        method: 'POST',
        headers: {
          cookie,
          // A real action: for an unknown id Next answers 409 before it reads the body.
          'next-action': serverActions().disconnectDeviceInPlace?.id ?? 'missing-from-build',
          'content-type': 'text/plain',
          'transfer-encoding': 'chunked',
        },
        body: JSON.stringify(['a'.repeat(argumentBytes)]),
      });
    expect((await streamedAction(100 * 1024)).status).toBe(200);
    const res = await streamedAction(1536 * 1024);
    expect(res.status).toBe(400);
    expectOurHeaders(res.headers);
  });
});

describe('a link token stays out of headers and logs', () => {
  it('sends no internal rewrite header on /l/ pages, and logs no token even for an oversized post', async () => {
    const minted = await acme.api.mintLink({ reference_id: 'sentinel-user' });
    const token = tokenFromUrl(minted.json<{ url: string }>().url);
    const shown = await request(origin, { host: acmeHost, path: `/l/${token}` });
    expect(shown.status).toBe(200);
    const headerText = JSON.stringify(shown.headers);
    expect(headerText).not.toContain(token);
    expect(shown.headers['x-middleware-rewrite']).toBeUndefined();

    const big = await request(origin, {
      host: acmeHost,
      path: `/l/${token}`,
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(11 * 1024 * 1024),
      },
      body: 'a'.repeat(1024),
    });
    expect(big.status).toBe(413);
    // Streamed (no Content-Length), the body reaches Next, which logs the URL of an oversized one.
    const streamed = await request(origin, {
      host: acmeHost,
      path: `/l/${token}`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      body: 'a'.repeat(11 * 1024 * 1024),
    });
    // It carries no form fields, so it redeems the link like a plain form post would.
    expect(streamed.status).toBe(303);
    const unknown = `${token.slice(0, 20)}${'Z'.repeat(23)}`;
    await request(origin, { host: acmeHost, path: `/l/${unknown}`, method: 'POST' });
    const log = fs.readFileSync(inject('serverLogFile'), 'utf8');
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.slice(0, 20));
  });
});
