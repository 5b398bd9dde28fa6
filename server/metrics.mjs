// @ts-check
/**
 * The process's Prometheus metrics (SPEC §18), served by GET /api/metrics. One registry per process,
 * kept on globalThis: server/start.mjs counts requests, and Next's server code (which may load its
 * own copy of this module) records webhook and source figures into the same registry.
 */
import client from 'prom-client';

const KEY = Symbol.for('connections-portal.metrics');

function createMetrics() {
  const registry = new client.Registry();
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    httpRequests: new client.Counter({
      name: 'portal_http_requests_total',
      help: 'HTTP requests answered, by route kind and status code.',
      labelNames: /** @type {const} */ (['kind', 'status']),
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: 'portal_http_request_duration_seconds',
      help: 'Time from request to the end of the response, by route kind.',
      labelNames: /** @type {const} */ (['kind']),
      buckets: seconds,
      registers: [registry],
    }),
    webhookQueueDepth: new client.Gauge({
      name: 'portal_webhook_queue_depth',
      help: 'Webhook deliveries waiting to be sent (pending or being sent), at scrape time.',
      registers: [registry],
    }),
    webhookQueueOldestAge: new client.Gauge({
      name: 'portal_webhook_queue_oldest_age_seconds',
      help: 'Age of the oldest waiting webhook delivery, at scrape time (0 when none waits).',
      registers: [registry],
    }),
    webhookAttempts: new client.Counter({
      name: 'portal_webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts by this process, by outcome.',
      labelNames: /** @type {const} */ (['outcome']),
      registers: [registry],
    }),
    sourceDuration: new client.Histogram({
      name: 'portal_source_request_duration_seconds',
      help: "Calls to a data platform's adapter, by source, operation and outcome.",
      labelNames: /** @type {const} */ (['source', 'operation', 'outcome']),
      buckets: seconds,
      registers: [registry],
    }),
    sourceErrors: new client.Counter({
      name: 'portal_source_errors_total',
      help: 'Failed calls to a data platform, by source and error kind.',
      labelNames: /** @type {const} */ (['source', 'kind']),
      registers: [registry],
    }),
  };
}

/** @returns {ReturnType<typeof createMetrics>} */
export function metrics() {
  const store = /** @type {Record<symbol, ReturnType<typeof createMetrics> | undefined>} */ (
    /** @type {unknown} */ (globalThis)
  );
  return (store[KEY] ??= createMetrics());
}

/**
 * What a request is, for the request series: a bounded set of labels (never the path itself).
 * @param {{ method?: string, url?: string }} req
 */
export function routeKind(req) {
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (path === '/api/health' || path === '/api/ready' || path === '/api/metrics') return 'health';
  if (path.startsWith('/api/webhooks/')) return 'webhook_in';
  if (path.startsWith('/api/auth/')) return 'auth';
  if (path.startsWith('/api/')) return 'api';
  if (path.startsWith('/_next/')) return 'asset';
  if (path.startsWith('/l/')) return 'link';
  if (req.method === 'POST') return 'action';
  return 'page';
}
