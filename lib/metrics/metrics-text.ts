import { getDb } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { webhookQueueStats } from '@/lib/webhooks/webhook-queue-stats';
import { describeError } from '@/server/describe-error.mjs';
import { metrics } from '@/server/metrics.mjs';

/** This process's series in Prometheus text, the webhook queue read from the database now. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry, webhookQueueDepth, webhookQueueOldestAge } = metrics();
  try {
    const queue = await webhookQueueStats(await getDb(), new Date());
    webhookQueueDepth.set(queue.depth);
    webhookQueueOldestAge.set(queue.oldestAgeSeconds);
  } catch (error) {
    // The request and source series still say what happened during an outage.
    logger.warn('metrics.queue_unavailable', { error: describeError(error) });
  }
  return { contentType: registry.contentType, body: await registry.metrics() };
}
