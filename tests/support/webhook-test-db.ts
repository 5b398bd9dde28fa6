import { openDatabase } from '@/lib/db/client';
import { openMemoryDatabase } from './memory-db';
import { createThrowawayDatabase } from './throwaway-postgres';

export type WebhookTestBackend = {
  name: string;
  open: () => Promise<Awaited<ReturnType<typeof openDatabase>>>;
};

/** PGlite in memory always; also a throwaway PostgreSQL database when TEST_DATABASE_URL is set. */
export function webhookTestBackends(): WebhookTestBackend[] {
  const backends: WebhookTestBackend[] = [{ name: 'PGlite', open: openMemoryDatabase }];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    backends.push({
      name: 'PostgreSQL',
      open: async () => {
        const throwaway = await createThrowawayDatabase(serverUrl, 'webhooks');
        const opened = await openDatabase({ databaseUrl: throwaway.url });
        return {
          db: opened.db,
          close: async () => {
            await opened.close();
            await throwaway.drop();
          },
        };
      },
    });
  }
  return backends;
}
