import fs from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type TestServer, freePort, serverEnv, startTestServer } from '../support/test-server';
import { createThrowawayDatabase } from '../support/throwaway-postgres';

const serverUrl = process.env.TEST_DATABASE_URL;
const committedMigrations = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8')).entries.length;

// Several processes need one real PostgreSQL; PGlite is one process per data directory.
describe.runIf(serverUrl)('instances starting together on an empty PostgreSQL database', () => {
  const servers: TestServer[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('apply the migrations once, log no error, and all serve', async () => {
    const database = await createThrowawayDatabase(serverUrl ?? '', 'instances');
    cleanups.push(() => database.drop());
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const started = await Promise.allSettled(
      ports.map((port) =>
        startTestServer({
          port,
          env: serverEnv({
            port,
            rootDomain: `localhost:${port}`,
            databaseUrl: database.url,
            pgliteDir: 'unused',
          }),
        }),
      ),
    );
    for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
    expect(started.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);

    for (const server of servers) {
      const ready = await fetch(`${server.origin}/api/ready`);
      expect(ready.status).toBe(200);
      const errors = server
        .logs()
        .split('\n')
        .filter((line) => line.includes('"level":"error"'));
      expect(errors).toEqual([]);
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const applied = await client.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(applied.rows[0]?.n).toBe(committedMigrations);
      const tenants = await client.query('select count(*)::int as n from tenants');
      expect(tenants.rows[0]?.n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
