import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/client';
import { findTenantLogo } from '@/lib/tenants/find-tenant-logo';
import type { Tenant } from '@/lib/tenants/tenant';
import { UsageError } from '@/scripts/cli/cli-io';
import { tenantUpdate } from '@/scripts/cli/tenant-commands';
import { HOSTILE_LOGO_SVG, contosoLogoPng } from '../support/brand-assets';
import { memoryDbWithTenant } from '../support/memory-db';

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brand-cli-'));

function file(name: string, content: Buffer | string): string {
  const filePath = path.join(dir, name);
  fs.writeFileSync(filePath, content);
  return filePath;
}

beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
});
afterAll(async () => {
  await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const update = (...args: string[]) => tenantUpdate(db, ['--tenant', tenant.slug, ...args]);

describe('tenant:update brand flags', () => {
  it.each([
    ['--name', '<img src=x onerror=alert(1)>', 'name'],
    ['--accent', 'red;background:url(//evil)', 'accent'],
    ['--support-url', 'javascript:alert(1)', 'support-url'],
    ['--privacy-url', 'http://acme.test/privacy', 'privacy-url'],
    ['--logo-url', 'http://cdn.acme.test/logo.png', 'logo-url'],
    ['--theme', 'neon', 'theme'],
  ])('refuses %s %s', async (flag, value, param) => {
    await expect(update(flag, value)).rejects.toMatchObject({ param });
    await expect(update(flag, value)).rejects.toBeInstanceOf(UsageError);
  });

  it('sets support and privacy URLs, the theme and the footer', async () => {
    const { tenant: shown } = await update(
      '--support-url',
      'https://help.acme.test/',
      '--privacy-url',
      'https://acme.test/privacy',
      '--theme',
      'dark',
      '--hide-powered-by',
    );
    expect(shown).toMatchObject({
      support_url: 'https://help.acme.test/',
      privacy_url: 'https://acme.test/privacy',
      theme: 'dark',
      show_powered_by: false,
    });
    expect((await update('--show-powered-by')).tenant.show_powered_by).toBe(true);
    await expect(update('--hide-powered-by', '--show-powered-by')).rejects.toBeInstanceOf(UsageError);
  });

  it('stores a PNG upload and serves its bytes unchanged', async () => {
    const png = contosoLogoPng();
    const result = await update('--logo-file', file('logo.png', png));
    expect(result.tenant.logo_file).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(result).not.toHaveProperty('warnings');
    const stored = await findTenantLogo(db, { tenantId: tenant.id });
    expect(stored?.contentType).toBe('image/png');
    expect(stored?.data.equals(png)).toBe(true);
  });

  it('sanitises an SVG upload and says what it removed', async () => {
    const result = await update('--logo-file', file('logo.svg', HOSTILE_LOGO_SVG));
    expect(result.warnings).toEqual(expect.arrayContaining(['logo-file: removed element <script>']));
    const stored = await findTenantLogo(db, { tenantId: tenant.id });
    expect(stored?.contentType).toBe('image/svg+xml');
    expect(stored?.data.toString()).not.toMatch(/script|onload|evil\.test/);
  });

  it('refuses a file over 256 KiB, a non-image, both logo flags, and a missing file', async () => {
    await expect(update('--logo-file', file('big.png', Buffer.alloc(256 * 1024 + 1)))).rejects.toThrow(
      '--logo-file must be at most 256 KiB',
    );
    await expect(update('--logo-file', file('page.svg', '<html><script>x</script></html>'))).rejects.toThrow(
      /--logo-file/,
    );
    await expect(
      update('--logo-url', 'https://cdn.acme.test/l.png', '--logo-file', file('l.png', contosoLogoPng())),
    ).rejects.toThrow('cannot be used together');
    await expect(update('--logo-file', path.join(dir, 'nothing.png'))).rejects.toThrow('cannot read');
  });

  it('a remote logo URL replaces an uploaded file', async () => {
    const result = await update('--logo-url', 'https://cdn.acme.test/logo.png');
    expect(result.tenant).toMatchObject({ logo_url: 'https://cdn.acme.test/logo.png', logo_file: null });
    expect(await findTenantLogo(db, { tenantId: tenant.id })).toBeNull();
  });
});
