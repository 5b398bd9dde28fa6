import type { Database } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { describeError } from '@/server/describe-error.mjs';
import { sweepExpiredRows } from './sweep-expired-rows';

const FIRST_SWEEP_MS = 60_000;
const SWEEP_EVERY_MS = 60 * 60_000;

/**
 * Runs the retention sweep a minute after start and then hourly, in every instance (the deletes are
 * idempotent and batched, so instances sweeping at once only share the work).
 */
export function startRetentionSweeper(getDb: () => Promise<Database>): { stop: () => void } {
  const sweep = async () => {
    try {
      const counts = await sweepExpiredRows(await getDb(), {
        now: new Date(),
        webhookRetentionDays: getEnv().WEBHOOK_RETENTION_DAYS,
      });
      logger.info('retention.swept', counts);
    } catch (error) {
      logger.warn('retention.sweep_failed', { error: describeError(error) });
    }
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void sweep();
    interval = setInterval(() => void sweep(), SWEEP_EVERY_MS);
    interval.unref();
  }, FIRST_SWEEP_MS);
  first.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(interval);
    },
  };
}
