// Picks the PostgreSQL database the benchmark runs on, and empties it.
import pg from 'pg';
import { resetPostgres } from '../tests/support/reset-postgres';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DATABASE = 'portal_bench';

export class PostgresMissingError extends Error {
  override name = 'PostgresMissingError';
}

async function connectOrExplain(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return client;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PostgresMissingError(
      `PostgreSQL is not reachable at ${url.replace(/:[^:@/]*@/, ':***@')} (${reason}). ` +
        'The benchmark needs PostgreSQL: start it (e.g. `pg_ctlcluster 15 main start`) or set DATABASE_URL.',
    );
  }
}

async function recreate(serverUrl: string, name: string): Promise<string> {
  const admin = await connectOrExplain(serverUrl);
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PostgresMissingError(`Could not create the database ${name} (${reason}).`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export type BenchDatabases = { small: string; large: string };

/**
 * Two databases on one server: the small world, and the same world plus 10k tenants / 1M connections,
 * so both can be measured side by side. With DATABASE_URL set, that database (emptied first: point it
 * at a throwaway one) and a sibling named `<name>_scale`; else `portal_bench` and `portal_bench_scale`
 * on the local server, dropped and created anew.
 */
export async function prepareBenchDatabases(databaseUrl: string | undefined): Promise<BenchDatabases> {
  if (databaseUrl) {
    const probe = await connectOrExplain(databaseUrl);
    await probe.end();
    await resetPostgres(databaseUrl);
    const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || 'postgres';
    return { small: databaseUrl, large: await recreate(databaseUrl, `${name}_scale`) };
  }
  return {
    small: await recreate(LOCAL_SERVER, BENCH_DATABASE),
    large: await recreate(LOCAL_SERVER, `${BENCH_DATABASE}_scale`),
  };
}

/** The server's version string and the settings that change write throughput, for the report. */
export async function describeDatabase(databaseUrl: string): Promise<{ version: string; settings: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const version = await client.query<{ server_version: string }>('show server_version');
    const sync = await client.query<{ synchronous_commit: string }>('show synchronous_commit');
    return {
      version: version.rows[0]?.server_version ?? 'unknown',
      settings: `synchronous_commit=${sync.rows[0]?.synchronous_commit ?? '?'}`,
    };
  } finally {
    await client.end();
  }
}
