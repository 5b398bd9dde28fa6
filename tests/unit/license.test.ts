import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('licence', () => {
  it('is the Apache License 2.0, in LICENSE, package.json and the README', () => {
    const license = fs.readFileSync('LICENSE', 'utf8');
    expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(license).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(license).toContain('3. Grant of Patent License.');
    expect(JSON.parse(fs.readFileSync('package.json', 'utf8')).license).toBe('Apache-2.0');
    expect(fs.readFileSync('README.md', 'utf8')).toContain('Apache License 2.0 ([LICENSE](LICENSE))');
  });
});
