import path from 'node:path';
import { defineConfig } from 'vitest/config';

/*
 * Stryker's test run (npm run test:mutation): the unit tests only. The integration project's
 * globalSetup builds and starts a server, which a mutant run must never do, and the emulator tests
 * cover no mutated file.
 */
const alias = { '@': path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    name: 'unit',
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,
    // Opening a PGlite takes seconds on a busy machine; a timed-out hook would count as a kill.
    hookTimeout: 60_000,
  },
});
