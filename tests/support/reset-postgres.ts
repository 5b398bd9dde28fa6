import pg from 'pg';

/** Empties a throwaway test database so each run starts from the migrations. */
export async function resetPostgres(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      'drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;',
    );
  } finally {
    await client.end();
  }
}
