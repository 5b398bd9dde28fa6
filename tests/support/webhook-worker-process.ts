// A server's delivery worker and nothing else, for tests that kill and restart it:
//   DATABASE_URL=… WEBHOOK_TIMEOUT_MS=… WEBHOOK_LEASE_MS=… node --import tsx tests/support/webhook-worker-process.ts
// Prints "worker ready" once the database is open; logs one JSON line per attempt (LOG_LEVEL=info).
import { getDb } from '@/lib/db/client';
import { startDeliveryWorker } from '@/lib/webhooks/delivery-worker';

await getDb();
const worker = startDeliveryWorker(getDb, {
  intervalMs: 50,
  timeoutMs: Number(process.env.WEBHOOK_TIMEOUT_MS ?? 2_000),
  leaseMs: Number(process.env.WEBHOOK_LEASE_MS ?? 10_000),
});
// The worker's timer does not hold the process open (a server does that); here this does.
const keepAlive = setInterval(() => undefined, 60_000);

process.once('SIGTERM', () => {
  void worker.stop().finally(() => {
    clearInterval(keepAlive);
    process.exit(0);
  });
});
process.stdout.write('worker ready\n');
