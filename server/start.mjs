// @ts-check
// The portal's HTTP server: Next.js behind the request gate. `npm start`, the demo, the tests and the
// bench all run this file, so what they measure is what production runs.
// Usage: node server/start.mjs [--port N]   (PORT, else 3000; binds every interface, see README)
import http from 'node:http';
import next from 'next';
import { redactStream } from './redact-secrets.mjs';
import { INTERNAL_RESPONSE_HEADERS, isUsableRouterStateTree, refusalFor } from './request-gate.mjs';

/** The same headers next.config.js puts on every response, for answers Next never sees. */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

function portFromArgs() {
  const index = process.argv.indexOf('--port');
  const raw = index >= 0 ? process.argv[index + 1] : process.env.PORT;
  const port = Number(raw ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Invalid port: ${raw}\n`);
    process.exit(1);
  }
  return port;
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {import('./request-gate.mjs').Refusal} refusal
 */
function refuse(req, res, refusal) {
  const isApi = (req.url ?? '').startsWith('/api/');
  const body = isApi
    ? JSON.stringify({
        error: { type: 'invalid_request_error', code: refusal.code, message: refusal.message },
      })
    : `${refusal.message}\n`;
  res.writeHead(refusal.status, {
    ...SECURITY_HEADERS,
    ...refusal.headers,
    'content-type': isApi ? 'application/json' : 'text/plain; charset=utf-8',
    connection: 'close',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  // No URL in the line: a magic link's token lives in its path.
  const line = {
    time: new Date().toISOString(),
    level: 'warn',
    event: 'http.request_refused',
    status: refusal.status,
    code: refusal.code,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/** Keeps Next's internal routing headers (they name /t/<host>/l/<token>) off every response. @param {http.ServerResponse} res */
function hideInternalHeaders(res) {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) =>
    INTERNAL_RESPONSE_HEADERS.includes(name.toLowerCase()) ? res : setHeader(name, value);
  const writeHead = res.writeHead.bind(res);
  /** @type {(...args: any[]) => http.ServerResponse} */
  const filtered = (status, ...rest) => {
    for (const name of INTERNAL_RESPONSE_HEADERS) res.removeHeader(name);
    const headers = rest.find((arg) => arg && typeof arg === 'object');
    if (headers && !Array.isArray(headers))
      for (const name of Object.keys(headers))
        if (INTERNAL_RESPONSE_HEADERS.includes(name.toLowerCase())) delete headers[name];
    return writeHead(status, ...rest);
  };
  res.writeHead = /** @type {typeof res.writeHead} */ (filtered);
}

redactStream(process.stdout);
redactStream(process.stderr);

const port = portFromArgs();
const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const refusal = refusalFor(req);
  if (refusal) return refuse(req, res, refusal);
  if (!isUsableRouterStateTree(/** @type {string | undefined} */ (req.headers['next-router-state-tree'])))
    delete req.headers['next-router-state-tree'];
  hideInternalHeaders(res);
  handle(req, res).catch((error) => {
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'http.unhandled', error: String(error?.message ?? error) })}\n`,
    );
    if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
    res.end();
  });
});
server.on('error', (error) => {
  process.stderr.write(`Connections Portal cannot listen on port ${port}: ${error.message}\n`);
  process.exit(1);
});
server.listen(port, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`Portal listening on http://localhost:${actual}\n`);
});

for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
