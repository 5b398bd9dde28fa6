import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh database on the server of `serverUrl` (TEST_DATABASE_URL), so a test owns its tables while
 * the integration server uses the shared one. Dropped again by `drop()`.
 */
export async function createThrowawayDatabase(serverUrl: string, label: string) {
  const name = `cp_${label}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // pg's Pool.end() resolves before its sockets are closed; dropping WITH (FORCE) would make those
    // closing clients throw, so wait for them to go instead.
    async drop() {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await admin(`drop database if exists ${name}`);
        } catch (error) {
          if (attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
  };
}
