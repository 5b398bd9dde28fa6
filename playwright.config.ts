import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where it exists (this machine and CI); Playwright's own browser everywhere else.
const systemChromium = '/usr/bin/chromium';
const executablePath = fs.existsSync(systemChromium) ? systemChromium : undefined;

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  // Two browsers at once: each file signs in users of its own, so files do not meet.
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['json']] : 'list',
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-domain-reliability',
        '--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter',
        // Tenants live on *.portal.test, a registrable domain, so sibling tenants are same-site as in production.
        '--host-resolver-rules=MAP portal.test 127.0.0.1, MAP *.portal.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost, EXCLUDE 127.0.0.1',
      ],
    },
  },
});
