import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's default on a 2-core machine is one worker; most of our files wait on servers and
    // sockets rather than the CPU, so three keep both cores busy.
    maxWorkers: 3,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/emulators/**/*.test.ts'],
          testTimeout: 30_000,
          // An in-memory PGlite takes seconds to start on a busy 2-core machine.
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Files that start servers of their own (the demo, start-up and locking, several webhook
          // workers): independent of each other and of the shared server, so they run in parallel.
          name: 'standalone',
          environment: 'node',
          include: ['tests/standalone/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          // One server for every file, run in parallel: a file scopes what it asserts to its own
          // users, or to tenants it owns (tests/integration/global-setup.ts, tests/support/factories.ts).
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
