import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleImage } from '../../scripts/assemble-image.mjs';
import { readRuntimeStage } from '../../scripts/dockerfile-runtime.mjs';
import { apiClient } from '../support/api';
import { request } from '../support/http';
import { type SeededTenant, seedWorld } from '../support/seed-world';
import { type TestServer, freePort, serverEnv, startTestServer } from '../support/test-server';
import { createThrowawayDatabase } from '../support/throwaway-postgres';

// No container runtime can pull a base image here, so the image's runtime stage is laid out from this
// build by the Dockerfile's own COPY lines and started with its CMD and ENV, as the image would be.
const distDir = process.env.NEXT_DIST_DIR || '.next';
const stage = readRuntimeStage();
const serverUrl = process.env.TEST_DATABASE_URL;

describe('the Dockerfile', () => {
  it('runs as a non-root user, checks /api/health, and starts the portal server', () => {
    expect(stage.user).toBe('portal');
    expect(stage.cmd).toEqual(['node', 'server/start.mjs']);
    expect(stage.env.NODE_ENV).toBe('production');
    expect(stage.healthcheck).toContain("fetch('http://127.0.0.1:3000/api/health')");
  });

  it('copies only sources that exist after next build', () => {
    expect(stage.copies.map((copy) => copy.from)).toEqual([
      '.next/standalone',
      '.next/static',
      'public',
      'server',
      'drizzle',
    ]);
    for (const { from } of stage.copies) {
      expect([from, fs.existsSync(from.replace(/^\.next/, distDir))]).toEqual([from, true]);
    }
  });
});

describe('the assembled image', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-image-'));
  const cleanups: Array<() => Promise<unknown>> = [];
  let server: TestServer;
  let acme: SeededTenant;
  let host = '';

  beforeAll(async () => {
    assembleImage(out);
    const port = await freePort();
    const database = serverUrl ? await createThrowawayDatabase(serverUrl, 'image') : undefined;
    if (database) cleanups.push(() => database.drop());
    // The image's own ENV, its /app paths moved to where the files were laid out.
    const imageEnv = Object.fromEntries(
      Object.entries(stage.env).map(([key, value]) => [key, value.replace(/^\/app(?=\/|$)/, out)]),
    );
    const pgliteDir = imageEnv.PGLITE_DIR ?? path.join(out, '.data/pglite');
    const world = await seedWorld({
      databaseUrl: database?.url,
      pgliteDir,
      tenants: [{ slug: 'acme', name: 'Acme Health' }],
    });
    acme = world.tenants.acme;
    const env = {
      ...serverEnv({ port, rootDomain: `localhost:${port}`, databaseUrl: database?.url, pgliteDir }),
      ...imageEnv,
      PORT: String(port),
      NEXT_DIST_DIR: distDir,
    };
    server = await startTestServer({ port, env, cwd: out });
    host = `acme.localhost:${port}`;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    for (const cleanup of cleanups) await cleanup();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('holds no source tree: no next.config.js, app/ or lib/ next to the server', () => {
    for (const name of ['next.config.js', 'app', 'lib', 'tests', 'package-lock.json']) {
      expect([name, fs.existsSync(path.join(out, name))]).toEqual([name, false]);
    }
  });

  it('serves health, a tenant page with its scripts and icons, and the API', async () => {
    expect((await request(server.origin, { host: '127.0.0.1', path: '/api/health' })).status).toBe(200);
    expect((await request(server.origin, { host: '127.0.0.1', path: '/api/ready' })).status).toBe(200);
    const page = await request(server.origin, { host, path: '/signed-out' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Acme Health');
    const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toMatch(/^\/_next\/static\//);
    expect((await request(server.origin, { host, path: script ?? '' })).status).toBe(200);
    expect((await request(server.origin, { host, path: '/favicon.ico' })).status).toBe(200);
    const providers = await apiClient(server.origin, acme.apiKey).call('GET', '/api/v1/providers');
    expect(providers.status).toBe(200);
  });

  it('exits 0 on SIGTERM', async () => {
    expect(await server.stop()).toBe(0);
  });
});
