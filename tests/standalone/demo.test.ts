import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from '../support/http';
import { signInOverHttp } from '../support/portal-user';
import { freePort, freshPgliteDir } from '../support/test-server';

let demo: ChildProcess | undefined;
afterEach(() => {
  // The demo runs npm → node → next (and the emulator); end the whole process group so nothing outlives the test.
  if (demo?.pid) process.kill(-demo.pid, 'SIGTERM');
  demo = undefined;
});

async function runDemo(script: 'demo' | 'demo:terra') {
  const port = await freePort();
  // The suite has built the app already; the demo's own build step is the same `next build`.
  const env = {
    NODE_ENV: 'production',
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    TERRA_EMULATOR_PORT: String(await freePort()),
    PGLITE_DIR: freshPgliteDir('demo'),
    PORTAL_DEMO_SKIP_BUILD: '1',
    ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
  };
  const child = spawn('npm', ['run', '-s', script], {
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  demo = child;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await expect.poll(() => output, { timeout: 60_000, interval: 250 }).toMatch(/Ready in/);
  return { port, output: () => output };
}

describe('npm run demo', () => {
  it('seeds Acme Health on the embedded database, prints a key and serves the tenant', async () => {
    const { port, output } = await runDemo('demo');
    expect(output()).toContain(`http://acme.localhost:${port}/`);
    expect(output()).toMatch(/cp_test_[A-Za-z0-9_-]{43}/);
    expect(output()).toContain('curl -s -X POST');
    const page = await request(`http://127.0.0.1:${port}`, { host: `acme.localhost:${port}`, path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Acme Health');
  });

  it('prints a portal link that opens the device list in a browser, with the way back', async () => {
    const { port, output } = await runDemo('demo');
    expect(output()).toContain('single use, valid for 15 minutes');
    const link = new RegExp(`(http://acme\\.localhost:${port}/l/[A-Za-z0-9_-]{43})`).exec(output())?.[1];
    expect(link).toBeDefined();
    // Chromium resolves *.localhost to loopback by itself, as a visitor's browser does.
    const systemChromium = '/usr/bin/chromium';
    const browser = await chromium.launch({
      executablePath: fs.existsSync(systemChromium) ? systemChromium : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(link ?? '');
      await page.waitForURL(`http://acme.localhost:${port}/devices`);
      expect(await page.getByRole('heading', { name: 'Your devices' }).isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'Back to Acme Health' }).getAttribute('href')).toBe(
        `http://localhost:${port}/`,
      );
    } finally {
      await browser.close();
    }
  });

  it('demo:terra adds FitCo on the terra source, backed by the local Terra emulator', async () => {
    const { port, output } = await runDemo('demo:terra');
    expect(output()).toContain(`http://fitco.localhost:${port}/`);
    const fitcoKey = /FitCo \(fitco\)[\s\S]*?(cp_test_[A-Za-z0-9_-]{43})/.exec(output())?.[1] ?? '';
    const origin = `http://127.0.0.1:${port}`;
    const { cookie } = await signInOverHttp(origin, `fitco.localhost:${port}`, fitcoKey, 'demo-user');
    const devices = await request(origin, {
      host: `fitco.localhost:${port}`,
      path: '/devices/connections',
      headers: { cookie },
    });
    const data = devices.json<{ addable: { id: string }[]; isSandbox: boolean; notice: string | null }>();
    expect(data).toMatchObject({ isSandbox: false, notice: null });
    expect(data.addable.map((p) => p.id)).toContain('OURA');
  });
});
