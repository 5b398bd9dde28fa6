import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
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
          globalSetup: ['tests/integration/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
