// Types for metrics.mjs (plain JavaScript so that `node server/start.mjs` runs it without a build).
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';

export function metrics(): {
  registry: Registry;
  httpRequests: Counter<'kind' | 'status'>;
  httpDuration: Histogram<'kind'>;
  webhookQueueDepth: Gauge;
  webhookQueueOldestAge: Gauge;
  webhookAttempts: Counter<'outcome'>;
  sourceDuration: Histogram<'source' | 'operation' | 'outcome'>;
  sourceErrors: Counter<'source' | 'kind'>;
};
export function routeKind(req: { method?: string; url?: string }): string;
