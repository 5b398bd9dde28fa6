// The small world: one tenant, one signed-in user with three sandbox connections, made through the
// app's own services and over HTTP exactly as the integration tests do.
import { seedWorld } from '../tests/support/seed-world';
import { connectSandboxDevice, signInOverHttp } from '../tests/support/portal-user';

export const BENCH_SLUG = 'bench';
export const BENCH_USER = 'bench-user';
const PROVIDERS = ['OURA', 'GARMIN', 'FITBIT'];

export type BenchTenant = { id: string; apiKey: string };
export type BenchUser = { cookie: string; connectionIds: string[] };

/** Before the server starts: the tenant and its API key. */
export async function seedBenchTenant(databaseUrl: string): Promise<BenchTenant> {
  const world = await seedWorld({
    databaseUrl,
    pgliteDir: 'unused-with-postgres',
    tenants: [{ slug: BENCH_SLUG, name: 'Bench Health', returnOrigins: ['https://app.bench.test'] }],
  });
  const tenant = world.tenants[BENCH_SLUG];
  if (!tenant) throw new Error('seedWorld made no bench tenant');
  return { id: tenant.id, apiKey: tenant.apiKey };
}

/** With the server up: sign in through a portal link and connect three devices through the sandbox. */
export async function signInBenchUser(origin: string, host: string, apiKey: string): Promise<BenchUser> {
  const { cookie } = await signInOverHttp(origin, host, apiKey, BENCH_USER);
  const connectionIds: string[] = [];
  for (const provider of PROVIDERS)
    connectionIds.push(await connectSandboxDevice(origin, host, cookie, provider));
  return { cookie, connectionIds };
}
