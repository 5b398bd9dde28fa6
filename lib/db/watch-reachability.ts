import type { Pool } from 'pg';
import {
  databaseFailedAt,
  isDatabaseUnreachable,
  markDatabaseReachable,
  markDatabaseUnreachable,
} from '@/server/database-health.mjs';

function noteFailure(error: unknown): void {
  if (isDatabaseUnreachable(error)) markDatabaseUnreachable();
}

function noteSuccess(): void {
  if (databaseFailedAt() !== 0) markDatabaseReachable();
}

/**
 * Marks the database unreachable (and reachable again) whenever the pool cannot reach it, so the server answers 503 instead
 * of 500 (server/start.mjs). The promises returned are the pool's own: callers still see every error.
 */
export function watchReachability(pool: Pool): void {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const watched =
    (call: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      const result = call(...args);
      if (result instanceof Promise) result.then(noteSuccess, noteFailure);
      return result;
    };
  pool.query = watched(query) as Pool['query'];
  pool.connect = watched(connect) as Pool['connect'];
  pool.on('error', noteFailure);
}
