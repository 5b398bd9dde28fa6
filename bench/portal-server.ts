// A production server on one benchmark database, with the bench user signed in and its three
// devices connected.
import { freePort, serverEnv, startTestServer, type TestServer } from '../tests/support/test-server';
import type { Target } from './scenarios';
import { BENCH_SLUG, type BenchUser, signInBenchUser } from './seed';

/** BENCH=1 serves /bench/hello; the limits are lifted so load is never answered with 429. */
export function benchEnv(port: number, databaseUrl: string): Record<string, string> {
  return serverEnv({
    port,
    rootDomain: `localhost:${port}`,
    databaseUrl,
    pgliteDir: 'unused-with-postgres',
    extra: { BENCH: '1', API_RATE_LIMIT_PER_MINUTE: '1000000', LINK_FAILURE_LIMIT_PER_MINUTE: '100000' },
  });
}

export type PortalServer = { server: TestServer; target: Target; host: string; user: BenchUser };

export async function startPortal(input: {
  databaseUrl: string;
  apiKey: string;
  nodeArgs?: string[];
}): Promise<PortalServer> {
  const port = await freePort();
  const server = await startTestServer({
    port,
    env: benchEnv(port, input.databaseUrl),
    nodeArgs: input.nodeArgs,
  });
  try {
    const target = { origin: server.origin, rootDomain: `localhost:${port}`, serverPid: server.pid };
    const host = `${BENCH_SLUG}.${target.rootDomain}`;
    const user = await signInBenchUser(target.origin, host, input.apiKey);
    return { server, target, host, user };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
