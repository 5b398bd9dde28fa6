import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * SPEC §12: `npm audit` cannot reach its advisory service here, so the installed versions of the
 * packages that parse requests for us are pinned above every advisory found. Checked 2026-12-01
 * against the advisories and the upgrade pull requests that cite them (GitHub threads, no network
 * to the advisory database itself):
 * - next: CVE-2025-29927 (middleware bypass, 15.2.3); CVE-2025-66478 (RSC remote code execution,
 *   16.0.7); CVE-2025-55183/55184 (16.0.10); CVE-2026-23864 (RSC denial of service, 16.1.5);
 *   CVE-2026-27978/27979/29057 (16.1.7); CVE-2026-23869 / GHSA-q4gf-8mx6-v5v3 (16.2.3); the May 2026
 *   release, 13 advisories incl. CVE-2026-44578/44579 and proxy bypasses (16.2.6); the July 2026
 *   release incl. CVE-2026-64645 / GHSA-p9j2-gv94-2wf4 and four server-action issues (16.2.11); the
 *   August 2026 release, GHSA-2xp9-vwfh-vxw4 (image optimiser RCE) and CVE-2026-75604 (16.3.3).
 * - react / react-dom (react-server-dom-*): CVE-2025-55182 (19.2.1), CVE-2025-55183/55184/67779
 *   (19.2.3), CVE-2026-23864 (19.2.4), CVE-2026-44907 / GHSA-wx67-qw84-cm4g (19.2.8).
 * - next-auth v4: GHSA-5jpx-9hw9-2fx4 (e-mail sign-in misdelivery, 4.24.12).
 * Raise a floor when a new advisory appears; never lower one.
 */
const FLOORS: Record<string, string> = {
  next: '16.3.3',
  react: '19.2.8',
  'react-dom': '19.2.8',
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
