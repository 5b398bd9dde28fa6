// Sums Vitest and Playwright JSON reports under the given folders into one line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';

let passed = 0;
let failed = 0;
let reports = 0;
const args = process.argv.slice(2);
const checksFlag = args.indexOf('--failed-checks');
if (checksFlag !== -1) {
  failed += Number(args[checksFlag + 1] ?? 0);
  args.splice(checksFlag, 2);
}
for (const dir of args) {
  const vitest = path.join(dir, 'vitest.json');
  const playwright = path.join(dir, 'playwright.json');
  if (fs.existsSync(vitest)) {
    const report = JSON.parse(fs.readFileSync(vitest, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.success === false && report.numFailedTests === 0 ? 1 : 0);
    reports += 1;
  } else failed += 1;
  if (fs.existsSync(playwright)) {
    const { stats } = JSON.parse(fs.readFileSync(playwright, 'utf8'));
    passed += stats.expected;
    failed += stats.unexpected + stats.flaky;
    reports += 1;
  } else failed += 1;
}
if (reports === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
