import { getDb } from '@/lib/db/client';
import { listenForTenantChanges } from '@/lib/cache/tenant-change-signal';
import { ConfigError, getEnv } from '@/lib/env';
import { DataDirLockedError } from '@/lib/db/pglite-lock';
import { startRetentionSweeper } from '@/lib/maintenance/retention-sweeper';
import { type DeliveryWorker, startDeliveryWorker } from '@/lib/webhooks/delivery-worker';
import { onShutdown } from '@/server/shutdown.mjs';

// One webhook worker per process, however many bundles load this module.
const holder = globalThis as typeof globalThis & { __portalWebhookWorker?: DeliveryWorker };

/** Validates configuration and opens the database; a bad value stops the process with one clear line. */
export async function startServer(): Promise<void> {
  try {
    getEnv();
    await getDb();
  } catch (error) {
    const message =
      error instanceof ConfigError || error instanceof DataDirLockedError ? error.message : String(error);
    process.stderr.write(`Connections Portal cannot start: ${message}\n`);
    process.exit(1);
  }
  if (holder.__portalWebhookWorker) return;
  const worker = startDeliveryWorker(getDb, { intervalMs: 1_000 });
  holder.__portalWebhookWorker = worker;
  startRetentionSweeper(getDb); // its timers are unref'd: they never hold the process open
  const databaseUrl = getEnv().DATABASE_URL;
  if (databaseUrl) {
    const listener = listenForTenantChanges(databaseUrl);
    onShutdown(listener.stop);
  }
  // Under server/start.mjs the server drains HTTP and awaits this within its 9 s budget; deliveries
  // still in flight after 6 s are aborted and released for another instance.
  if (onShutdown(() => worker.stop({ graceMs: 6_000 }))) return;
  const stopThenExit = (signal: NodeJS.Signals) => {
    // Next.js closes its HTTP server and exits on these signals itself; exit here only when it will not.
    const isOnlyHandler = process.listenerCount(signal) === 0;
    void worker.stop().finally(() => {
      if (isOnlyHandler) process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  process.once('SIGTERM', stopThenExit);
  process.once('SIGINT', stopThenExit);
}
