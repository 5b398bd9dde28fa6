import type { DbOrTx } from './client';

/**
 * A query built once per database handle and then only executed: drizzle skips rebuilding the SQL
 * on every call, and PostgreSQL (given the statement's name) skips parsing and planning it again.
 * Used for the few queries every portal page runs.
 */
export function preparedQuery<Query>(build: (db: DbOrTx) => Query): (db: DbOrTx) => Query {
  const byHandle = new WeakMap<DbOrTx, Query>();
  return (db) => {
    let query = byHandle.get(db);
    if (!query) {
      query = build(db);
      byHandle.set(db, query);
    }
    return query;
  };
}
