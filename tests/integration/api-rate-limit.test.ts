import { describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/api';
import { runCli } from '../support/run-cli';
import { freePort, serverEnv, startTestServer } from '../support/test-server';

// Two app instances share one PostgreSQL; an embedded PGlite directory belongs to one process only.
const databaseUrl = inject('serverEnv').DATABASE_URL;

describe.runIf(databaseUrl)('API rate limit across instances', () => {
  it('counts one key across two server processes and answers 429 with Retry-After', async () => {
    const ports = [await freePort(), await freePort()];
    const envs = ports.map((port) =>
      serverEnv({
        port,
        rootDomain: inject('rootDomain'),
        databaseUrl,
        pgliteDir: '/nonexistent',
        extra: { API_RATE_LIMIT_PER_MINUTE: '10' },
      }),
    );
    const created = runCli(['key:create', '--tenant', 'globex'], envs[0] ?? {});
    const apiKey = (created.json as { api_key: string }).api_key;
    const servers = await Promise.all(ports.map((port, i) => startTestServer({ port, env: envs[i] ?? {} })));
    try {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 14; i += 1) {
        const server = servers[i % 2];
        if (!server) throw new Error('no server');
        const res = await apiClient(server.origin, apiKey).mintLink({ reference_id: `rl-${i}` });
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers['retry-after'];
          expect(res.json<{ error: { type: string } }>().error.type).toBe('rate_limit_error');
        }
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  });
});
