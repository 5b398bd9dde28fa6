import { getDb } from '@/lib/db/client';
import { ConfigError, getEnv } from '@/lib/env';
import { DataDirLockedError } from '@/lib/db/pglite-lock';

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
}
