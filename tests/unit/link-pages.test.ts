import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectLogoFile } from '@/lib/branding/logo-file';
import type { Database } from '@/lib/db/client';
import { CATALOGUES } from '@/lib/i18n/messages';
import {
  LINK_PAGE_HEADERS,
  interstitialPage,
  linkProblemPage,
  switchAccountPage,
} from '@/lib/links/link-pages';
import type { Tenant } from '@/lib/tenants/tenant';
import { updateTenant } from '@/lib/tenants/update-tenant';
import { NORTHWIND_LOGO_SVG } from '../support/brand-assets';
import { flattenMessages } from '../support/catalogue-check';
import { memoryDbWithTenant } from '../support/memory-db';

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;

beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
});
afterAll(async () => close());

/** Visible text of a page: tags, the style sheet and the script removed. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'");
}

/** English sentences of the link pages that another language must not show. */
const englishLinkMessages = [...flattenMessages(CATALOGUES.en.link).values()].map((m) =>
  (m.split('{')[0] ?? '').trim(),
);

describe('magic-link pages', () => {
  it('speak the chosen language and say so in <html lang>', () => {
    const html = interstitialPage({ tenant, locale: 'de', userLabel: 'j***@example.com', autoSubmit: false });
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Weiter zur Verwaltung Ihrer Geräte bei Acme Health');
    expect(html).toContain('für j***@example.com');
    const text = visibleText(html);
    for (const english of englishLinkMessages.filter((m) => m.length > 3))
      expect(text).not.toContain(english);
    const ja = linkProblemPage({
      tenant,
      locale: 'ja',
      problem: 'expired',
      returnUrl: 'https://app.acme.test/',
    });
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain('このリンクは期限切れです');
    expect(ja).toContain('Acme Health に戻る');
  });

  it('keep the English wording of SPEC §4 in en', () => {
    const html = interstitialPage({ tenant, locale: 'en', userLabel: 'j***', autoSubmit: false });
    expect(html).toContain('Continue to manage your devices at Acme Health');
    expect(html).toContain('<button type="submit">Continue</button>');
    expect(switchAccountPage({ tenant, locale: 'en', userLabel: null })).toContain('Switch account?');
  });

  it('never reference a remote logo, and show an uploaded one from this origin', async () => {
    const remote = await updateTenant(db, {
      tenantId: tenant.id,
      patch: { logoUrl: 'https://cdn.acme.test/logo.png' },
    });
    const withRemote = interstitialPage({ tenant: remote, locale: 'en', userLabel: null, autoSubmit: true });
    expect(withRemote).not.toContain('cdn.acme.test');
    expect(withRemote).not.toContain('<img');
    const uploaded = await updateTenant(db, {
      tenantId: tenant.id,
      patch: { logoFile: inspectLogoFile(Buffer.from(NORTHWIND_LOGO_SVG)) },
    });
    const withUpload = interstitialPage({
      tenant: uploaded,
      locale: 'en',
      userLabel: null,
      autoSubmit: true,
    });
    expect(withUpload).toMatch(/<img src="\/brand\/logo\?v=[0-9a-f]{16}" alt="Acme Health">/);
    expect(withUpload).toMatch(/<link rel="icon" href="\/brand\/logo\?v=[0-9a-f]{16}">/);
    expect(LINK_PAGE_HEADERS['content-security-policy']).toContain("img-src 'self'");
    expect(LINK_PAGE_HEADERS['content-security-policy']).toContain("default-src 'none'");
  });

  it('escape a hostile tenant name and ignore a hostile accent', () => {
    const hostile = {
      ...tenant,
      name: '<img src=x onerror=alert(1)>',
      accentColor: 'red;background:url(//evil)',
    };
    const html = linkProblemPage({ tenant: hostile, locale: 'fr', problem: 'used' });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('evil');
  });
});
