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
  // A static mutant (a module-level constant such as an allow-list or a regex) is live from import
  // time, so every related test file runs for it: about 55 s each here, 459 of them, ≈ 7 h on two
  // cores. They are reported as Ignored and left out of the score; run one file with
  // `npx stryker run --mutate <file> --ignoreStatic false` to test its constants.
  ignoreStatic: true,
  // The next full run re-tests only mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
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
