import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/client';
import { exitBackUrl, newLinkUrl } from '@/lib/links/exit-links';
import type { Tenant } from '@/lib/tenants/tenant';
import { UsageError } from '@/scripts/cli/cli-io';
import { tenantUpdate } from '@/scripts/cli/tenant-commands';
import { memoryDbWithTenant } from '../support/memory-db';

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;

beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
});
afterAll(async () => close());

const update = (...args: string[]) => tenantUpdate(db, ['--tenant', tenant.slug, ...args]);

describe('tenant:update --app-url and --link-request-url (SPEC §17)', () => {
  it.each([
    ['--app-url', 'javascript:alert(1)', 'app-url'],
    ['--app-url', 'http://app.acme.test/', 'app-url'],
    ['--link-request-url', 'data:text/html,hi', 'link-request-url'],
    ['--link-request-url', 'not a url', 'link-request-url'],
  ])('refuses %s %s', async (flag, value, param) => {
    await expect(update(flag, value)).rejects.toMatchObject({ param });
    await expect(update(flag, value)).rejects.toBeInstanceOf(UsageError);
  });

  it('refuses a link-request page outside the allowed return origins, and takes it on one', async () => {
    await expect(update('--link-request-url', 'https://app.acme.test/portal-link')).rejects.toMatchObject({
      code: 'parameter_invalid',
      param: 'link_request_url',
    });
    const { tenant: shown } = await update(
      '--return-origin',
      'https://app.acme.test',
      '--app-url',
      'https://app.acme.test/settings',
      '--link-request-url',
      'https://app.acme.test/portal-link',
    );
    expect(shown).toMatchObject({
      app_url: 'https://app.acme.test/settings',
      link_request_url: 'https://app.acme.test/portal-link',
    });
  });
});

describe('the ways on from an exit page', () => {
  const configured = {
    appUrl: 'https://app.acme.test/settings',
    linkRequestUrl: 'https://app.acme.test/new?src=portal',
  };
  const bare = { appUrl: null, linkRequestUrl: null };

  it('goes back to the return URL when there is one, else to the app, else nowhere', () => {
    expect(exitBackUrl(configured, 'https://app.acme.test/devices')).toBe('https://app.acme.test/devices');
    expect(exitBackUrl(configured, null)).toBe('https://app.acme.test/settings');
    expect(exitBackUrl(bare)).toBeNull();
  });

  it('tells the link-request page why, keeping its own query', () => {
    expect(newLinkUrl(configured, 'used')).toBe('https://app.acme.test/new?src=portal&reason=used');
    expect(newLinkUrl(bare, 'expired')).toBeNull();
  });
});
