import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { request } from '../support/http';
import { freePort, freshPgliteDir } from '../support/test-server';

describe('npm run demo', () => {
  let demo: ChildProcess | undefined;
  afterAll(() => {
    // The demo runs npm → node → next; end the whole process group so no server outlives the test.
    if (demo?.pid) process.kill(-demo.pid, 'SIGTERM');
  });

  it('seeds Acme Health on the embedded database, prints a key and serves the tenant', async () => {
    const port = await freePort();
    // The suite has built the app already; the demo's own build step is the same `next build`.
    const env = {
      NODE_ENV: 'production',
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      PGLITE_DIR: freshPgliteDir('demo'),
      PORTAL_DEMO_SKIP_BUILD: '1',
    };
    const child = spawn('npm', ['run', '-s', 'demo'], {
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    demo = child;
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 60_000, interval: 250 }).toMatch(/Ready in/);
    expect(output).toContain(`http://acme.localhost:${port}/`);
    expect(output).toMatch(/cp_test_[A-Za-z0-9_-]{43}/);
    const page = await request(`http://127.0.0.1:${port}`, { host: `acme.localhost:${port}`, path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Acme Health');
  });
});
