import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envSchema, parseEnv } from '@/lib/env';

const secrets = { NEXTAUTH_SECRET: 'x'.repeat(32), PORTAL_ENCRYPTION_KEY: 'y'.repeat(32) };

describe('environment', () => {
  it('defaults to the embedded database and http on localhost in development', () => {
    const env = parseEnv({ NODE_ENV: 'development', ...secrets });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe('.data/pglite');
    expect(env.PORTAL_ROOT_DOMAIN).toBe('localhost:3000');
    expect(env.PORTAL_PUBLIC_SCHEME).toBe('http');
  });

  it('uses https for a real root domain', () => {
    const env = parseEnv({ NODE_ENV: 'production', PORTAL_ROOT_DOMAIN: 'portal.example.com', ...secrets });
    expect(env.PORTAL_PUBLIC_SCHEME).toBe('https');
  });

  it.each([
    [{ PORTAL_ROOT_DOMAIN: '' }, 'PORTAL_ROOT_DOMAIN'],
    [{ PORTAL_ROOT_DOMAIN: 'https://portal.example.com' }, 'PORTAL_ROOT_DOMAIN'],
    [{ DATABASE_URL: 'not-a-url' }, 'DATABASE_URL'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NEXTAUTH_URL: 'https://portal.example.com' }, 'NEXTAUTH_URL'],
  ])('names the variable in one line for %o', (override, name) => {
    expect(() => parseEnv({ NODE_ENV: 'development', ...secrets, ...override })).toThrowError(
      expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining(name) }),
    );
  });

  it('requires secrets in production but generates and keeps them for development and the demo', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', PORTAL_ROOT_DOMAIN: 'p.example.com' })).toThrow(
      ConfigError,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-env-'));
    const pgliteDir = path.join(dir, 'pglite');
    const first = parseEnv({ NODE_ENV: 'production', PORTAL_DEMO: '1', PGLITE_DIR: pgliteDir });
    const second = parseEnv({ NODE_ENV: 'production', PORTAL_DEMO: '1', PGLITE_DIR: pgliteDir });
    expect(first.NEXTAUTH_SECRET).toHaveLength(43);
    expect(second.NEXTAUTH_SECRET).toBe(first.NEXTAUTH_SECRET);
    expect(second.PORTAL_ENCRYPTION_KEY).toBe(first.PORTAL_ENCRYPTION_KEY);
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o077).toBe(0);
  });
});

describe('.env.example', () => {
  it('names every variable the portal reads, except those set by its own scripts', () => {
    const example = fs.readFileSync('.env.example', 'utf8');
    const documented = new Set(
      [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1] ?? ''),
    );
    const setByScripts = ['NODE_ENV', 'PORTAL_DEMO', 'BENCH'];
    const read = Object.keys(envSchema.shape).filter((name) => !setByScripts.includes(name));
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
    // Read by next.config.js during the build (server/server-actions-key.mjs), not by lib/env.ts.
    const readByTheBuild = ['NEXT_SERVER_ACTIONS_ENCRYPTION_KEY'];
    expect(
      [...documented].filter((name) => !(name in envSchema.shape) && !readByTheBuild.includes(name)),
    ).toEqual([]);
    expect(documented.has('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY')).toBe(true);
  });
});
