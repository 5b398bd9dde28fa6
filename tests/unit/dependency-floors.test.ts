import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * SPEC §12: `npm audit` cannot reach its advisory service here, so the installed versions of the
 * packages that parse requests for us are pinned above every advisory we know of:
 * - next: CVE-2025-29927 (middleware bypass through x-middleware-subrequest, fixed 15.2.3),
 *   CVE-2025-66478 (RSC "React2Shell" remote code execution, fixed 16.0.7), CVE-2025-55183/55184
 *   (server-function source exposure and denial of service, fixed 16.0.10), CVE-2026-23864 (RSC
 *   denial of service, fixed 16.1.5).
 * - react / react-dom (react-server-dom-*): CVE-2025-55182 (fixed 19.2.1), CVE-2025-55183/55184/67779
 *   (fixed 19.2.3), CVE-2026-23864 (fixed 19.2.4).
 * - next-auth v4: GHSA-5jpx-9hw9-2fx4 (e-mail sign-in misdelivery, fixed 4.24.12).
 * Raise a floor when a new advisory appears; never lower one.
 */
const FLOORS: Record<string, string> = {
  next: '16.1.5',
  react: '19.2.4',
  'react-dom': '19.2.4',
  'next-auth': '4.24.12',
};

function installedVersion(name: string): string {
  const file = path.join(process.cwd(), 'node_modules', name, 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

function atLeast(version: string, floor: string): boolean {
  const parts = (v: string) => v.split('-')[0]!.split('.').map(Number);
  const [a, b] = [parts(version), parts(floor)];
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

describe('dependency floors (SPEC §12)', () => {
  it('compares versions numerically, not as text', () => {
    expect(atLeast('16.10.0', '16.9.9')).toBe(true);
    expect(atLeast('16.1.4', '16.1.5')).toBe(false);
    expect(atLeast('4.24.12', '4.24.12')).toBe(true);
    expect(atLeast('19.2.3', '19.2.4')).toBe(false);
  });

  it.each(Object.entries(FLOORS))('%s is installed at or above %s', (name, floor) => {
    expect(atLeast(installedVersion(name), floor), `${name} ${installedVersion(name)}`).toBe(true);
  });
});
