import { describe, expect, inject, it } from 'vitest';
import { request } from '../support/http';
import { signInOverHttp } from '../support/portal-user';
import { tenantOf } from '../support/factories';
import { TERRA_DEVELOPERS, emulatorAdmin } from '../support/terra-world';

// SPEC §6: idempotent reads are retried on 5xx/429, honouring Retry-After. The policy
// (lib/connections/sources/terra/terra-http.ts): at most 2 retries, so at most 3 calls; a 429 waits
// its Retry-After when that is at most 2 s (a page is waiting), else it is not retried. The calls are
// counted where Terra would count them: the emulator's request log. The devices page's data endpoint
// answers notice "stale" (shown as "Statuses may be out of date") when it fell back to the cache.

const origin = inject('origin');
const terraUrl = inject('terraUrl');
// This file's own terra tenant and Terra account: it queues faults and resets the account.
const tenant = tenantOf('terra-retries');
const developer = TERRA_DEVELOPERS['terra-retries'];
const emulator = emulatorAdmin(terraUrl);
const devId = developer.devId;

type Devices = { devices: { provider: string; status: string }[]; notice: string | null };
type Requests = { requests: { method: string; path: string; query: { reference_id?: string } }[] };

async function userInfoCalls(referenceId: string): Promise<number> {
  const { requests } = await emulator<Requests>('requests');
  return requests.filter(
    (r) => r.method === 'GET' && r.path === '/v2/userInfo' && r.query.reference_id === referenceId,
  ).length;
}

/**
 * A signed-in user whose Oura the portal has already cached; then a Garmin is linked at Terra that
 * only a fresh read of userInfo can show.
 */
async function userWithNewDeviceAtTerra(referenceId: string) {
  await emulator('users', { dev_id: devId, provider: 'OURA', reference_id: referenceId });
  const { cookie } = await signInOverHttp(origin, tenant.host, tenant.apiKey, referenceId);
  const first = await request(origin, {
    host: tenant.host,
    path: '/devices/connections',
    headers: { cookie },
  });
  expect(first.json<Devices>().devices.map((d) => d.provider)).toEqual(['OURA']);
  await emulator('users', { dev_id: devId, provider: 'GARMIN', reference_id: referenceId });
  return { cookie };
}

/** One devices-page data load, with the number of userInfo calls it made and how long it took. */
async function loadCounted(referenceId: string, cookie: string) {
  const before = await userInfoCalls(referenceId);
  const startedAt = Date.now();
  const res = await request(origin, { host: tenant.host, path: '/devices/connections', headers: { cookie } });
  const elapsedMs = Date.now() - startedAt;
  expect(res.status).toBe(200);
  const devices = res.json<Devices>();
  return {
    calls: (await userInfoCalls(referenceId)) - before,
    elapsedMs,
    providers: devices.devices.map((d) => d.provider).sort(),
    notice: devices.notice,
  };
}

function addFault(fault: Record<string, unknown>) {
  return emulator('faults', { method: 'GET', path: '/userInfo', dev_id: devId, ...fault });
}

describe('Terra read retries, counted at the emulator', () => {
  it('a healthy load makes exactly 1 userInfo call', async () => {
    const referenceId = `retry-none-${Date.now()}`;
    const { cookie } = await userWithNewDeviceAtTerra(referenceId);
    const load = await loadCounted(referenceId, cookie);
    expect([load.calls, load.providers, load.notice]).toEqual([1, ['GARMIN', 'OURA'], null]);
  });

  it('429 with Retry-After: 1, then success → 2 calls, at least 1 s apart, and the fresh list', async () => {
    const referenceId = `retry-429-${Date.now()}`;
    const { cookie } = await userWithNewDeviceAtTerra(referenceId);
    await addFault({ kind: 'status429', retry_after: 1, count: 1 });
    const load = await loadCounted(referenceId, cookie);
    expect([load.calls, load.providers, load.notice]).toEqual([2, ['GARMIN', 'OURA'], null]);
    expect(load.elapsedMs).toBeGreaterThanOrEqual(1000);
  });

  it('500 twice, then success → 3 calls and the fresh list', async () => {
    const referenceId = `retry-500-${Date.now()}`;
    const { cookie } = await userWithNewDeviceAtTerra(referenceId);
    await addFault({ kind: 'status500', count: 2 });
    const load = await loadCounted(referenceId, cookie);
    expect([load.calls, load.providers, load.notice]).toEqual([3, ['GARMIN', 'OURA'], null]);
  });

  it('500 three times → 3 calls, then the cached list with a notice', async () => {
    const referenceId = `retry-500x3-${Date.now()}`;
    const { cookie } = await userWithNewDeviceAtTerra(referenceId);
    await addFault({ kind: 'status500', count: 3 });
    const load = await loadCounted(referenceId, cookie);
    expect([load.calls, load.providers, load.notice]).toEqual([3, ['OURA'], 'stale']);
  });

  it('429 with Retry-After: 5 is longer than a page can wait → 1 call, the cached list with a notice', async () => {
    const referenceId = `retry-429-long-${Date.now()}`;
    const { cookie } = await userWithNewDeviceAtTerra(referenceId);
    await addFault({ kind: 'status429', retry_after: 5, count: 1 });
    const load = await loadCounted(referenceId, cookie);
    expect([load.calls, load.providers, load.notice]).toEqual([1, ['OURA'], 'stale']);
    expect(load.elapsedMs).toBeLessThan(5000);
  });
});
