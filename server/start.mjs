// @ts-check
// The portal's HTTP server: Next.js behind the request gate. `npm start`, the demo, the tests and the
// bench all run this file, so what they measure is what production runs.
// Usage: node server/start.mjs [--port N]   (PORT, else 3000; binds every interface, see README)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { describeError } from './describe-error.mjs';
import { metrics, routeKind } from './metrics.mjs';
import { databaseFailedAt, isInOutageHold } from './database-health.mjs';
import { RETRY_AFTER_SECONDS, outageResponse } from './outage-response.mjs';
import { redactStream } from './redact-secrets.mjs';
import { runShutdownTasks, takeOverShutdown } from './shutdown.mjs';
import { currentRequestFacts, requestContext } from './request-context.mjs';
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

/** @param {Record<string, unknown>} fields */
function logLine(fields) {
  const requestId = fields.requestId ?? currentRequestFacts()?.requestId;
  const stream = fields.level === 'error' || fields.level === 'warn' ? process.stderr : process.stdout;
  stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields, requestId })}\n`);
}

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string} requestId */
function answerOutage(req, res, requestId) {
  const { contentType, body } = outageResponse({ isApi: (req.url ?? '').startsWith('/api/'), requestId });
  res.writeHead(503, {
    ...SECURITY_HEADERS,
    'content-type': contentType,
    'retry-after': String(RETRY_AFTER_SECONDS),
    'x-request-id': requestId,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  logLine({ level: 'error', event: 'http.database_unavailable', status: 503, requestId });
}

/** @param {http.ServerResponse} res */
function answerDraining(res) {
  res.writeHead(503, { ...SECURITY_HEADERS, 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ status: 'shutting_down' }));
}

/**
 * Filters what Next writes: its internal routing headers (they name /t/<host>/l/<token>) never leave,
 * and a 5xx written after the database failed during this request becomes the readable 503.
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {{ requestId: string, startedAt: number }} request
 */
function guardResponse(req, res, { requestId, startedAt }) {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) =>
    INTERNAL_RESPONSE_HEADERS.includes(name.toLowerCase()) ? res : setHeader(name, value);
  const writeHead = res.writeHead.bind(res);
  /** @type {(...args: any[]) => http.ServerResponse} */
  const filtered = (status, ...rest) => {
    /** Answers with our own response instead of Next's error page, whose later writes go nowhere. @param {() => void} answer */
    const replaceWith = (answer) => {
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.writeHead = writeHead;
      answer();
      res.write = () => true;
      res.end = () => res;
      return res;
    };
    if (status >= 500 && databaseFailedAt() >= startedAt)
      return replaceWith(() => answerOutage(req, res, requestId));
    const facts = currentRequestFacts();
    if (status >= 500 && isActionPost(req) && facts && !facts.actionEntered) {
      const refusal = facts.crossOriginAction ? CROSS_ORIGIN_ACTION : UNREADABLE_ACTION;
      return replaceWith(() => refuse(req, res, refusal));
    }
    for (const name of INTERNAL_RESPONSE_HEADERS) res.removeHeader(name);
    const headers = rest.find((arg) => arg && typeof arg === 'object');
    if (headers && !Array.isArray(headers))
      for (const name of Object.keys(headers))
        if (INTERNAL_RESPONSE_HEADERS.includes(name.toLowerCase())) delete headers[name];
    return writeHead(status, ...rest);
  };
  res.writeHead = /** @type {typeof res.writeHead} */ (filtered);
}

/** A page POST is a server action call (with JavaScript, or a no-JS form); /api and /l/ are route handlers. @param {http.IncomingMessage} req */
function isActionPost(req) {
  const url = req.url ?? '';
  return req.method === 'POST' && !url.startsWith('/api/') && !url.startsWith('/l/');
}

/** @type {import('./request-gate.mjs').Refusal} */
const CROSS_ORIGIN_ACTION = {
  status: 403,
  code: 'cross_origin_action',
  message: 'This form was sent from another site and was not accepted.',
};
/** @type {import('./request-gate.mjs').Refusal} */
const UNREADABLE_ACTION = {
  status: 400,
  code: 'action_request_invalid',
  message: 'The form could not be read. Reload the page and try again.',
};

/** Next prints a failed render as a multi-line stack (with drizzle's query parameters): one JSON line instead. */
function logErrorsAsJsonLines() {
  const original = console.error.bind(console);
  console.error = (...args) => {
    const error = args.find((arg) => arg instanceof Error);
    if (!error) return original(...args);
    // Next's CSRF check of server actions (Origin against Host) failed: a refusal, not a crash.
    const facts = currentRequestFacts();
    if (facts && error.message.startsWith('Invalid Server Actions request')) facts.crossOriginAction = true;
    logLine({ level: 'error', event: 'server.error', error: describeError(error) });
  };
}

redactStream(process.stdout);
redactStream(process.stderr);
logErrorsAsJsonLines();

/**
 * In the container image (output: "standalone") there is no next.config.js: the build's own record of
 * the configuration is used, as Next's generated standalone server does.
 */
function applyBuiltConfigWithoutSource() {
  if (fs.existsSync('next.config.js')) return;
  const file = path.join(process.env.NEXT_DIST_DIR || '.next', 'required-server-files.json');
  if (!fs.existsSync(file)) return;
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(
    JSON.parse(fs.readFileSync(file, 'utf8')).config,
  );
}

applyBuiltConfigWithoutSource();
takeOverShutdown();
const port = portFromArgs();
const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();

const HEALTH_PATHS = new Set(['/api/health', '/api/ready']);
/** Set on SIGTERM: the load balancer is told to stop sending requests here. */
let draining = false;

const ACCESS_LOG = ['debug', 'info', undefined, ''].includes(process.env.LOG_LEVEL);

/**
 * Counts every answer (refusals and outage answers included) once its last byte is written, and logs
 * it as one line: route kind, never the path (a magic link's token lives in it).
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string} requestId
 */
function countRequest(req, res, requestId) {
  const kind = routeKind(req);
  const startedAt = performance.now();
  res.once('finish', () => {
    const seconds = (performance.now() - startedAt) / 1000;
    const { httpRequests, httpDuration } = metrics();
    httpRequests.inc({ kind, status: String(res.statusCode) });
    httpDuration.observe({ kind }, seconds);
    if (ACCESS_LOG) {
      const line = { level: 'info', event: 'http.request', requestId, method: req.method, kind };
      logLine({ ...line, status: res.statusCode, durationMs: Math.round(seconds * 1000) });
    }
  });
}

const server = http.createServer((req, res) => {
  const requestId = randomUUID();
  countRequest(req, res, requestId);
  const refusal = refusalFor(req);
  if (refusal) return refuse(req, res, refusal);
  // proxy.ts takes the request id from here; a client cannot choose it.
  req.headers['x-portal-request-id'] = requestId;
  res.setHeader('x-request-id', requestId);
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (draining && path === '/api/ready') return answerDraining(res);
  // While the database is known to be down, answer at once; the health checks still ask it.
  if (isInOutageHold() && !HEALTH_PATHS.has(path)) return answerOutage(req, res, requestId);
  if (!isUsableRouterStateTree(/** @type {string | undefined} */ (req.headers['next-router-state-tree'])))
    delete req.headers['next-router-state-tree'];
  guardResponse(req, res, { requestId, startedAt: Date.now() });
  requestContext.run({ requestId, actionEntered: false, crossOriginAction: false }, () =>
    handle(req, res).catch((error) => {
      logLine({ level: 'error', event: 'http.unhandled', error: String(error?.message ?? error) });
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    }),
  );
});
server.on('error', (error) => {
  process.stderr.write(`Connections Portal cannot listen on port ${port}: ${error.message}\n`);
  process.exit(1);
});
server.listen(port, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`Ready in ${Math.round(performance.now())}ms: http://localhost:${actual}\n`);
});

/** Whole shutdown budget: orchestrators (Docker, Kubernetes) send SIGKILL 10 s after SIGTERM. */
const SHUTDOWN_DEADLINE_MS = 9_000;

/**
 * SIGTERM: /api/ready answers 503 so the load balancer sends nothing new, the listener closes, requests
 * in flight finish (keep-alive connections close as they go idle), the webhook worker finishes or
 * releases its deliveries, then exit 0. Whatever is still open at the deadline is cut.
 */
async function shutDown() {
  draining = true;
  const httpDrained = new Promise((resolve) => server.close(() => resolve(undefined)));
  const idleCloser = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  const deadline = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DEADLINE_MS).unref());
  await Promise.race([Promise.all([httpDrained, runShutdownTasks()]), deadline]);
  clearInterval(idleCloser);
  server.closeAllConnections();
  logLine({ level: 'info', event: 'server.stopped' });
  process.exit(0);
}

for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT']))
  process.once(signal, () => void shutDown());
