import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { request } from '../support/http';
import { runCli } from '../support/run-cli';
import { freePort, freshPgliteDir, serverEnv, startTestServer } from '../support/test-server';

function startWithEnv(env: Record<string, string>) {
  const serverEntry = path.join(process.cwd(), 'server/start.mjs');
  return spawnSync(process.execPath, [serverEntry, '--port', '0'], {
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('start-up configuration', () => {
  const base = serverEnv({ port: 0, rootDomain: 'localhost:3000', pgliteDir: freshPgliteDir('bad-env') });

  it.each([
    ['PORTAL_ROOT_DOMAIN', { PORTAL_ROOT_DOMAIN: '' }],
    ['DATABASE_URL', { DATABASE_URL: 'not-a-url' }],
    ['NEXTAUTH_SECRET', { NEXTAUTH_SECRET: 'short' }],
    ['PORTAL_PUBLIC_SCHEME', { PORTAL_PUBLIC_SCHEME: 'ftp' }],
  ])('refuses to start when %s is bad, naming it in one line', (name, override) => {
    const result = startWithEnv({ ...base, ...override });
    expect(result.status).not.toBe(0);
    const line = result.stderr.split('\n').find((l) => l.includes('cannot start'));
    expect(line).toContain(name);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('requires secrets in production outside the demo', () => {
    const { NEXTAUTH_SECRET: _omitted, ...withoutSecret } = base;
    const result = startWithEnv(withoutSecret);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('NEXTAUTH_SECRET is required in production');
  });
});

describe('embedded database ownership', () => {
  it('a second process fails fast on a PGlite dir held by a running server and loses nothing', async () => {
    const port = await freePort();
    const env = serverEnv({ port, rootDomain: `localhost:${port}`, pgliteDir: freshPgliteDir('lock') });
    expect(runCli(['tenant:create', '--slug', 'lockco', '--name', 'Lock Co'], env).status).toBe(0);
    const server = await startTestServer({ port, env });
    try {
      const started = Date.now();
      const second = runCli(['tenant:create', '--slug', 'other', '--name', 'Other'], env);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(second.status).toBe(1);
      expect(second.json).toMatchObject({ error: { code: 'database_locked' } });
      expect(second.stderr).toContain(`in use by process ${server.pid}`);
      expect(second.stderr).toContain('DATABASE_URL');
      const page = await request(server.origin, { host: `lockco.localhost:${port}`, path: '/' });
      expect(page.body).toContain('Lock Co');
    } finally {
      await server.stop();
    }
    // After the server stops, the directory is free again and still holds the first tenant.
    const again = runCli(['tenant:create', '--slug', 'lockco', '--name', 'Lock Co'], env);
    expect(again.json).toMatchObject({ error: { code: 'slug_taken' } });
  });
});

describe('custom domains through the operator CLI', () => {
  it('domain:add, then domain:verify --force makes the domain serve its tenant', async () => {
    const port = await freePort();
    const env = serverEnv({ port, rootDomain: `localhost:${port}`, pgliteDir: freshPgliteDir('cli-domain') });
    expect(runCli(['tenant:create', '--slug', 'domainco', '--name', 'Domain Co'], env).status).toBe(0);
    const added = runCli(['domain:add', '--tenant', 'domainco', '--domain', 'Devices.DomainCo.test'], env);
    expect(added.json).toMatchObject({
      domain: {
        domain: 'devices.domainco.test',
        verified: false,
        verification: { type: 'TXT', name: '_portal-verify.devices.domainco.test' },
      },
    });
    expect(
      runCli(['domain:add', '--tenant', 'domainco', '--domain', 'not a domain'], env).json,
    ).toMatchObject({ error: { param: 'domain' } });
    expect(
      runCli(['domain:verify', '--tenant', 'domainco', '--domain', 'devices.domainco.test'], env).json,
    ).toMatchObject({ error: { code: 'domain_unverified' } });

    let server = await startTestServer({ port, env });
    try {
      expect((await request(server.origin, { host: 'devices.domainco.test', path: '/' })).status).toBe(404);
    } finally {
      await server.stop();
    }
    expect(
      runCli(['domain:verify', '--tenant', 'domainco', '--domain', 'devices.domainco.test', '--force'], env)
        .json,
    ).toMatchObject({ domain: { verified: true } });
    server = await startTestServer({ port, env });
    try {
      const page = await request(server.origin, { host: 'devices.domainco.test', path: '/' });
      expect(page.status).toBe(200);
      expect(page.body).toContain('Domain Co');
    } finally {
      await server.stop();
    }
  });
});
