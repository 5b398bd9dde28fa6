// Mutation testing of the security-relevant code (issue 13): `npm run test:mutation`.
// Runs the unit tests only (vitest.mutation.config.ts), one mutant at a time: the machine has two
// cores and is shared with builds and integration runs.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  concurrency: 1,
  coverageAnalysis: 'perTest',
  // Test files each open an in-memory PGlite (≈2.5 s with migrations), so give slow runs room.
  timeoutMS: 20_000,
  mutate: [
    'lib/security/**/*.ts',
    'lib/links/**/*.ts',
    'lib/auth/**/*.ts',
    'lib/tenants/parse-host.ts',
    'lib/branding/contrast.ts',
    'lib/branding/sanitise-svg.ts',
    'lib/webhooks/sign-webhook.ts',
    'lib/webhooks/claim-due-deliveries.ts',
    // The tenant-filtered queries of lib/connections.
    'lib/connections/find-connection.ts',
    'lib/connections/list-connections-for-user.ts',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['.next', '.data', '.ci-out', 'reports', 'test-results', 'playwright-report', 'tests/e2e'],
};

export default config;
