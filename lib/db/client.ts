import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { getEnv } from '@/lib/env';
import * as schema from './schema';
import { lockDataDir } from './pglite-lock';
import { watchReachability } from './watch-reachability';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A handle services accept: the database itself or a transaction inside it. */
export type DbOrTx = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

type OpenDatabase = { db: Database; close: () => Promise<void> };

const migrationsFolder = () => path.join(process.cwd(), 'drizzle');

/**
 * Opens a database and applies the committed migrations. `memory://` gives a throwaway PGlite;
 * `pgliteImage` (a `dumpDataDir()` tarball) starts it from a copy instead of an empty cluster.
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  pgliteDir?: string;
  pgliteImage?: Blob;
}): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const pool = new Pool({ connectionString: options.databaseUrl, max: 10 });
    watchReachability(pool);
    // Instances starting together on one database apply the migrations once: each waits for this
    // session lock, and whoever comes after the first finds nothing left to apply.
    const session = await pool.connect();
    try {
      await session.query(`select pg_advisory_lock(hashtextextended('connections-portal:migrations', 0))`);
      await migrate(drizzle(session, { schema }), { migrationsFolder: migrationsFolder() });
    } finally {
      const unlocked = await session.query(`select pg_advisory_unlock_all()`).then(
        () => true,
        () => false,
      );
      session.release(!unlocked); // a session that could not unlock is closed, which unlocks it
    }
    const db = drizzle(pool, { schema });
    return { db, close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dir = options.pgliteDir ?? 'memory://';
  const releaseLock = dir.startsWith('memory://') ? () => undefined : lockDataDir(dir);
  const dataDir = dir.startsWith('memory://') ? dir : path.resolve(/*turbopackIgnore: true*/ dir);
  const client = new PGlite(dataDir, options.pgliteImage ? { loadDataDir: options.pgliteImage } : {});
  const db = drizzle(client, { schema });
  try {
    await migrate(db, { migrationsFolder: migrationsFolder() });
  } catch (error) {
    await client.close();
    releaseLock();
    throw error;
  }
  return {
    db,
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

// One database per process, shared by every bundle Next.js loads (route handlers, pages, instrumentation).
const holder = globalThis as typeof globalThis & { __portalDb?: Promise<OpenDatabase> };

/** The process-wide database configured by the environment, opened and migrated once. */
export async function getDb(): Promise<Database> {
  if (!holder.__portalDb) {
    const env = getEnv();
    holder.__portalDb = openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
    holder.__portalDb.catch(() => {
      holder.__portalDb = undefined;
    });
  }
  return (await holder.__portalDb).db;
}
