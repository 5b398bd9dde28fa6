import { beforeAll, describe, expect, inject, it } from 'vitest';
import { tokenFromUrl } from '../support/api';
import { tenantOf } from '../support/factories';
import { serverActions, tenantPaths } from '../support/build-manifests';
import { type HttpResult, multipartForm, request } from '../support/http';
import { connectSandboxDevice } from '../support/portal-user';

// Every page, route handler, server action and API route — read from the build's manifests and the
// OpenAPI document, so a new one cannot escape — asked with no session, acme's and globex's, on acme's,
// globex's and an unknown host. A foreign session must be worth exactly as much as none, no body may
// carry the other tenant's data, and nothing may change.

const origin = inject('origin');
const root = inject('rootDomain');
// Two tenants of this file's own: the snapshot reads their whole event logs.
const tenants = { acme: tenantOf('isolation-a'), globex: tenantOf('isolation-b') };

type TenantName = keyof typeof tenants;
type Actor = {
  tenant: TenantName;
  cookie: string;
  referenceId: string;
  connectionId: string;
  sentinel: string;
};
const hostOf = (tenant: TenantName) => tenants[tenant].host;
const unknownHost = `nobody.${root}`;
const suffix = Math.random().toString(36).slice(2, 8);

async function signedInActor(tenant: TenantName): Promise<Actor> {
  const sentinel = `${tenant.toUpperCase()}SENTINEL${suffix}`;
  const referenceId = `${tenant}-iso-${suffix}`;
  const minted = await tenants[tenant].api.mintLink({
    reference_id: referenceId,
    user_label: sentinel,
  });
  const token = tokenFromUrl(minted.json<{ url: string }>().url);
  const redeemed = await request(origin, { host: hostOf(tenant), path: `/l/${token}`, method: 'POST' });
  const cookie = redeemed.headers['set-cookie']?.find((c) => c.startsWith('cp_session='))?.split(';')[0];
  if (!cookie) throw new Error(`no session for ${tenant}`);
  const connectionId = await connectSandboxDevice(origin, hostOf(tenant), cookie, 'OURA');
  return { tenant, cookie, referenceId, connectionId, sentinel };
}

function expectNoSentinel(res: HttpResult, sentinels: string[], label: string) {
  const text = `${res.body}${JSON.stringify(res.headers)}`;
  for (const sentinel of sentinels) expect(text, `${label} leaks ${sentinel}`).not.toContain(sentinel);
}

async function snapshot(actors: Actor[]) {
  const state: Record<string, unknown> = {};
  for (const actor of actors) {
    const api = tenants[actor.tenant].api;
    const connections = await api.call('GET', `/api/v1/users/${actor.referenceId}/connections`);
    const events = await api.call('GET', '/api/v1/events?limit=5');
    const session = await request(origin, {
      host: hostOf(actor.tenant),
      path: '/devices',
      headers: { cookie: actor.cookie },
    });
    state[actor.tenant] = {
      connections: connections
        .json<{ data: { id: string; status: string }[] }>()
        .data.map((c) => [c.id, c.status]),
      events: events.json<{ data: { id: string }[] }>().data.map((e) => e.id),
      sessionStatus: session.status,
    };
  }
  return state;
}

describe('tenant isolation on every route', () => {
  let acme: Actor;
  let globex: Actor;
  let before: Record<string, unknown>;
  let linkToken: string;

  beforeAll(async () => {
    acme = await signedInActor('acme');
    globex = await signedInActor('globex');
    const minted = await tenants.acme.api.mintLink({ reference_id: acme.referenceId });
    linkToken = tokenFromUrl(minted.json<{ url: string }>().url);
    before = await snapshot([acme, globex]);
  });

  it('gives a foreign session exactly what no session gets, on every page and route handler', async () => {
    const filled = tenantPaths({ connectionId: 'CONN', provider: 'OURA', token: 'TOKEN' });
    expect(filled.length).toBeGreaterThanOrEqual(12);
    for (const route of filled) {
      for (const host of [hostOf('acme'), hostOf('globex'), unknownHost]) {
        const hostTenant = host === hostOf('acme') ? acme : host === hostOf('globex') ? globex : null;
        const resolved = route.replace('CONN', (hostTenant ?? acme).connectionId).replace('TOKEN', linkToken);
        const answers: Record<string, HttpResult> = {};
        for (const who of [null, acme, globex]) {
          const label = `${who?.tenant ?? 'no one'} → ${host}${resolved}`;
          const res = await request(origin, {
            host,
            path: resolved,
            headers: who ? { cookie: who.cookie } : {},
          });
          expect(res.status, label).toBeLessThan(500);
          if (!hostTenant) expect(res.status, label).toBe(404);
          // Only the rightful user on their own tenant's host may see their own data.
          const others = [acme, globex].filter((actor) => !(actor === who && actor === hostTenant));
          expectNoSentinel(
            res,
            others.map((actor) => actor.sentinel),
            label,
          );
          answers[who?.tenant ?? 'none'] = res;
        }
        const foreign = hostTenant === acme ? answers.globex : answers.acme;
        expect(
          [foreign?.status, foreign?.headers.location],
          `foreign session on ${host}${resolved} must answer as no session`,
        ).toEqual([answers.none?.status, answers.none?.headers.location]);
      }
    }
  });

  it('runs no server action for a session on another tenant’s host, an unknown host, or without one', async () => {
    const actions = serverActions();
    expect(Object.keys(actions).sort()).toEqual([
      'connectDevice',
      'decideSandbox',
      'disconnectDeviceAndReturn',
      'disconnectDeviceInPlace',
      'signOut',
    ]);
    for (const [name, { id, page }] of Object.entries(actions)) {
      for (const host of [hostOf('acme'), hostOf('globex'), unknownHost]) {
        for (const who of [null, acme, globex]) {
          if (who && host === hostOf(who.tenant)) continue; // the rightful case really acts
          const target = who ?? acme;
          // React's reply encoding, as the client sends an action: the arguments in field 0, a FormData
          // argument as "$K1" with its fields prefixed "1_". signOut takes the form alone; the others
          // (useActionState) take the previous state first.
          const fields = {
            '1_connection_id': target.connectionId,
            '1_provider': 'OURA',
            '1_state': 'A'.repeat(43),
            '1_decision': 'allow',
          };
          const form = multipartForm({ '0': name === 'signOut' ? '["$K1"]' : '[null,"$K1"]', ...fields });
          const res = await request(origin, {
            host,
            path: page.replace('[connectionId]', target.connectionId).replace('[provider]', 'OURA'),
            method: 'POST',
            headers: {
              'next-action': id,
              origin: `http://${host}`,
              'content-type': form.contentType,
              ...(who ? { cookie: who.cookie } : {}),
            },
            body: form.body,
          });
          const label = `${name} by ${who?.tenant ?? 'no one'} on ${host}`;
          // Whatever the host, the action finds no session of that host's tenant and only redirects;
          // an action called as the client calls it answers 200 and names its redirect in a header.
          expect(res.status, label).toBe(200);
          expect(res.headers['x-action-redirect'], label).toBe(
            name === 'signOut' ? '/signed-out;push' : '/expired?reason=session;push',
          );
          expectNoSentinel(res, [acme.sentinel, globex.sentinel], label);
        }
      }
    }
  });

  it('lets an API key reach only its own tenant on every documented operation', async () => {
    const document = await tenants.acme.api.call('GET', '/api/v1/openapi.json');
    const paths = document.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    const operations = Object.entries(paths).flatMap(([template, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), template })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(8);
    for (const { method, template } of operations) {
      const resolved = template
        .replace('{id}', acme.connectionId)
        .replace('{reference_id}', acme.referenceId);
      const body =
        method === 'POST' ? JSON.stringify({ reference_id: acme.referenceId, status: 'error' }) : undefined;
      for (const [who, key] of [
        ['no key', undefined],
        ['globex', tenants.globex.apiKey],
      ] as const) {
        const res = await request(origin, {
          host: 'api.localhost',
          path:
            template === '/api/v1/webhook_deliveries'
              ? `${resolved}?endpoint=whe_0000000000000000`
              : resolved,
          method,
          headers: {
            ...(key ? { authorization: `Bearer ${key}` } : {}),
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body,
        });
        const label = `${method} ${template} with ${who}`;
        expect(res.status, label).toBeLessThan(500);
        if (!key && template !== '/api/v1/openapi.json') expect(res.status, label).toBe(401);
        expectNoSentinel(res, [acme.sentinel, acme.connectionId], label);
      }
    }
  });

  it('changed nothing: connections, events and both sessions are as they were', async () => {
    expect(await snapshot([acme, globex])).toEqual(before);
  });
});
