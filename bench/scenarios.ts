// The requests under load. Tenant pages are asked for with the tenant's Host header on loopback
// (Node cannot resolve *.localhost); /bench/hello and the API on the apex host.
import type { Scenario } from './load';
import { BENCH_SLUG, BENCH_USER } from './seed';

export type Target = { origin: string; rootDomain: string; serverPid?: number };

export const helloScenario = ({ origin, rootDomain, serverPid }: Target): Scenario => ({
  name: 'hello',
  origin,
  serverPid,
  path: '/bench/hello',
  headers: { host: rootDomain },
});

export const devicesScenario = ({ origin, rootDomain, serverPid }: Target, cookie: string): Scenario => ({
  name: 'devices',
  origin,
  serverPid,
  path: '/devices',
  headers: { host: `${BENCH_SLUG}.${rootDomain}`, cookie },
});

export const mintScenario = ({ origin, rootDomain, serverPid }: Target, apiKey: string): Scenario => ({
  name: 'portal_links',
  origin,
  serverPid,
  path: '/api/v1/portal_links',
  method: 'POST',
  headers: { host: rootDomain, authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
  body: JSON.stringify({ reference_id: BENCH_USER }),
});
