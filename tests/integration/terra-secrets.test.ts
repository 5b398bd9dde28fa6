import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { tenantOf } from '../support/factories';
import { request } from '../support/http';
import { signInOverHttp } from '../support/portal-user';
import { runCli } from '../support/run-cli';
import { freshPgliteDir, serverEnv } from '../support/test-server';
import { TERRA_DEVELOPERS } from '../support/terra-world';

const origin = inject('origin');
const fitco = tenantOf('fitco');
const secrets = Object.values(TERRA_DEVELOPERS).flatMap((d) => [d.apiKey, d.webhookSecret]);

describe('Terra credentials stay secret', () => {
  it('never appear in pages, API responses or the server log', async () => {
    const { cookie } = await signInOverHttp(origin, fitco.host, fitco.apiKey, 'secret-check');
    const api = fitco.api;
    const bodies = [
      (await request(origin, { host: fitco.host, path: '/devices', headers: { cookie } })).body,
      (await request(origin, { host: fitco.host, path: '/devices/connections', headers: { cookie } })).body,
      (await api.call('GET', '/api/v1/providers')).body,
      (await api.call('GET', '/api/v1/users/secret-check/connections')).body,
      (await api.call('GET', '/api/v1/events?limit=100')).body,
      fs.readFileSync(inject('serverLogFile'), 'utf8'),
    ];
    for (const body of bodies) for (const secret of secrets) expect(body).not.toContain(secret);
  });

  it('are never echoed by the CLI', () => {
    const env = serverEnv({ port: 0, rootDomain: 'localhost:3000', pgliteDir: freshPgliteDir('terra-cli') });
    const created = runCli(
      ['tenant:create', '--slug', 'terraco', '--name', 'TerraCo', '--source', 'terra'],
      env,
    );
    expect(created.json).toMatchObject({ tenant: { slug: 'terraco', source: 'terra' } });
    const updated = runCli(
      [
        'tenant:update',
        '--tenant',
        'terraco',
        '--terra-dev-id',
        'dev-1',
        '--terra-api-key',
        'very-secret-key-123',
        '--terra-webhook-secret',
        'very-secret-signing-456',
        '--terra-base-url',
        'http://127.0.0.1:9/v2',
      ],
      env,
    );
    expect(updated.status).toBe(0);
    expect(updated.stdout).not.toContain('very-secret-key-123');
    expect(updated.stdout).not.toContain('very-secret-signing-456');
    expect(updated.json).toMatchObject({
      tenant: { source_settings: { devId: 'dev-1', apiKey: 'set', webhookSecret: 'set' } },
    });
    const bad = runCli(
      ['tenant:update', '--tenant', 'terraco', '--terra-base-url', 'javascript:alert(1)'],
      env,
    );
    expect(bad.status).toBe(1);
    expect(bad.json).toMatchObject({ error: { param: 'terra-base-url' } });
  });
});
