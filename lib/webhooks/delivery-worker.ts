import type { Database } from '@/lib/db/client';
import { describeError } from '@/lib/db/errors';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { type AddressResolver, resolveWithSystemDns } from '@/lib/security/url-guard';
import { type AttemptOptions, attemptDelivery } from './attempt-delivery';
import { claimDueDeliveries } from './claim-due-deliveries';

export type DeliveryOptions = {
  /** The clock for due dates and back-off (tests move it); signatures always carry the real time. */
  now?: Date;
  /** Deliveries claimed per round. */
  limit?: number;
  /** Deliveries one endpoint may have in flight at once, across every worker. */
  perEndpoint?: number;
  /** How long a claim lasts; a worker that dies holding one lets it go after this long. */
  leaseMs?: number;
  /** 2xx within this long counts as delivered (SPEC §8: 15 s). */
  timeoutMs?: number;
  resolver?: AddressResolver;
  allowLoopback?: boolean;
};

const DEFAULTS = { limit: 20, perEndpoint: 5, leaseMs: 60_000, timeoutMs: 15_000 };

function settings(options: DeliveryOptions) {
  const merged = { ...DEFAULTS, ...options };
  // A lease shorter than an attempt would let a second worker send the same delivery concurrently.
  if (merged.leaseMs <= merged.timeoutMs + 1_000)
    throw new Error('leaseMs must exceed timeoutMs by more than a second');
  return merged;
}

function attemptOptions(options: DeliveryOptions, signal?: AbortSignal): AttemptOptions {
  const { timeoutMs } = settings(options);
  const fixedNow = options.now;
  return {
    resolver: options.resolver ?? resolveWithSystemDns,
    allowLoopback: options.allowLoopback ?? getEnv().WEBHOOKS_ALLOW_LOOPBACK,
    timeoutMs,
    signal,
    clock: () => fixedNow ?? new Date(),
  };
}

/** One round: claim what is due and attempt it all. Tests and one-off runs call this directly. */
export async function deliverDueWebhooks(db: Database, options: DeliveryOptions = {}) {
  const { limit, perEndpoint, leaseMs } = settings(options);
  const claimed = await claimDueDeliveries(db, {
    now: options.now ?? new Date(),
    limit,
    perEndpoint,
    leaseMs,
  });
  const attempt = attemptOptions(options);
  const outcomes = await Promise.all(claimed.map((delivery) => attemptDelivery(db, delivery, attempt)));
  const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
  return {
    claimed: claimed.length,
    delivered: count('delivered'),
    retrying: count('retrying'),
    failed: count('failed'),
  };
}

export type DeliveryWorker = {
  /** Stops claiming, lets attempts in flight finish for up to `graceMs`, then aborts and releases the rest. */
  stop(options?: { graceMs?: number }): Promise<void>;
};

/**
 * The background loop inside each server process. Every `intervalMs`, and again as soon as an
 * attempt finishes, it claims up to the free slots; attempts run concurrently and one slow endpoint
 * holds at most `perEndpoint` slots. Several processes may run it against one PostgreSQL.
 */
export function startDeliveryWorker(
  getDb: () => Promise<Database>,
  options: Omit<DeliveryOptions, 'now' | 'limit'> & { intervalMs: number; maxInFlight?: number },
): DeliveryWorker {
  const { perEndpoint, leaseMs } = settings(options);
  const maxInFlight = options.maxInFlight ?? DEFAULTS.limit;
  const shutdown = new AbortController();
  const attempt = attemptOptions(options, shutdown.signal);
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let polling: Promise<void> | undefined;
  let pollAgain = false;

  async function claimAndDispatch(): Promise<void> {
    const free = maxInFlight - inFlight.size;
    if (stopped || free <= 0) return;
    const db = await getDb();
    const claimed = await claimDueDeliveries(db, { now: new Date(), limit: free, perEndpoint, leaseMs });
    for (const delivery of claimed) {
      const running: Promise<unknown> = attemptDelivery(db, delivery, attempt)
        .catch((error: unknown) =>
          logger.error('webhook.attempt_crashed', {
            deliveryId: delivery.id,
            error: describeError(error),
          }),
        )
        .finally(() => {
          inFlight.delete(running);
          poll();
        });
      inFlight.add(running);
    }
    if (claimed.length === free) pollAgain = true; // more may be waiting
  }

  function poll(): void {
    if (stopped) return;
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = claimAndDispatch()
      .catch((error: unknown) =>
        logger.error('webhook.claim_failed', {
          error: describeError(error),
        }),
      )
      .finally(() => {
        polling = undefined;
        if (pollAgain) {
          pollAgain = false;
          poll();
        }
      });
  }

  const timer = setInterval(poll, options.intervalMs);
  timer.unref();
  poll();

  return {
    async stop({ graceMs = 10_000 } = {}) {
      stopped = true;
      clearInterval(timer);
      await polling;
      let graceTimer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        new Promise<boolean>((resolve) => {
          graceTimer = setTimeout(() => resolve(false), graceMs);
        }),
      ]);
      clearTimeout(graceTimer);
      if (!finished) {
        shutdown.abort();
        await Promise.allSettled([...inFlight]);
      }
    },
  };
}
