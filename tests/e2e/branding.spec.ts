import type { Page } from '@playwright/test';
import { brandTheme } from '@/lib/branding/brand-theme';
import { request as httpRequest } from '../support/http';
import { type E2EWorld, axeViolations, expect, screenshots, tenantUrl, test } from './fixtures';
import { mintLink, signIn, uniqueUser } from './helpers';

const BRANDS = {
  northwind: { name: 'Northwind Wellness', accent: '#b45309', theme: 'light', logoType: 'image/svg+xml' },
  contoso: { name: 'Contoso Care', accent: '#1d4ed8', theme: 'dark', logoType: 'image/png' },
} as const;
type BrandSlug = keyof typeof BRANDS;

function cssVariable(page: Page, name: string) {
  return page.evaluate(
    (variable) => getComputedStyle(document.documentElement).getPropertyValue(variable).trim(),
    name,
  );
}

async function headerLogo(page: Page, world: E2EWorld, slug: BrandSlug) {
  const logo = page.getByRole('banner').getByRole('img', { name: BRANDS[slug].name });
  await expect(logo).toBeVisible();
  // Loaded from this tenant's own host, decoded as an image of the right type.
  const src = await logo.getAttribute('src');
  expect(src).toMatch(/^\/brand\/logo\?v=[0-9a-f]{16}$/);
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const served = await httpRequest(world.origin, {
    host: new URL(tenantUrl(world, slug)).host,
    path: src ?? '',
  });
  expect(served.headers['content-type']).toBe(BRANDS[slug].logoType);
  return src;
}

test('two tenants show their own name, logo, accent and theme, and nothing of each other', async ({
  page,
  world,
}) => {
  const logos: Record<string, string | null> = {};
  for (const [slug, other] of [
    ['northwind', 'contoso'],
    ['contoso', 'northwind'],
  ] as const) {
    const brand = BRANDS[slug];
    // The device prefers the opposite scheme: the tenant's forced theme must win.
    await page.emulateMedia({ colorScheme: brand.theme === 'light' ? 'dark' : 'light' });
    await page.goto(tenantUrl(world, slug));
    await expect(page.getByRole('heading', { name: brand.name })).toBeVisible();
    logos[slug] = await headerLogo(page, world, slug);
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', logos[slug] ?? '');
    expect(await cssVariable(page, '--accent')).toBe(brandTheme(brand.accent)[brand.theme].accent);
    expect(await cssVariable(page, '--surface')).toBe(brand.theme === 'light' ? '#ffffff' : '#0b1120');
    const html = await page.content();
    expect(html).not.toContain(BRANDS[other].name);
    expect(html).not.toContain(BRANDS[other].accent);
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, `brand-${slug}-home`);

    await signIn(page, world, uniqueUser(`brand-${slug}`), {}, slug);
    await expect(page.getByRole('heading', { name: 'Your devices' })).toBeVisible();
    await headerLogo(page, world, slug);
    expect(await page.content()).not.toContain(BRANDS[other].name);
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, `brand-${slug}-devices`);
  }
  expect(logos.northwind).not.toBe(logos.contoso);

  // Northwind links to its help and privacy pages and keeps our credit; Contoso hides it.
  await page.goto(tenantUrl(world, 'northwind'));
  const footer = page.getByRole('contentinfo');
  await expect(footer.getByRole('link', { name: 'Help' })).toHaveAttribute(
    'href',
    'https://help.northwind.test/',
  );
  await expect(footer.getByRole('link', { name: 'Privacy policy' })).toHaveAttribute(
    'href',
    'https://northwind.test/privacy',
  );
  await expect(footer).toContainText('Powered by Connections Portal');
  await page.goto(tenantUrl(world, 'contoso'));
  await expect(page.getByText('Powered by Connections Portal')).toHaveCount(0);
});

test("a tenant's uploaded logo is served only on its own host", async ({ world }) => {
  const northwind = await httpRequest(world.origin, {
    host: new URL(tenantUrl(world, 'northwind')).host,
    path: '/brand/logo',
  });
  expect(northwind.status).toBe(200);
  expect(northwind.body).toContain('Northwind');
  for (const slug of ['contoso', 'acme']) {
    const elsewhere = await httpRequest(world.origin, {
      host: new URL(tenantUrl(world, slug)).host,
      path: '/brand/logo',
    });
    expect(elsewhere.body).not.toContain('Northwind');
  }
  const acme = await httpRequest(world.origin, {
    host: new URL(tenantUrl(world, 'acme')).host,
    path: '/brand/logo',
  });
  expect(acme.status).toBe(404);
});

test('the link interstitial shows an uploaded logo from its own origin only', async ({ page, world }) => {
  const link = await mintLink(
    world,
    { reference_id: uniqueUser('brand-link'), channel: 'email' },
    'northwind',
  );
  const origins = new Set<string>();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  const response = await page.goto(link.url);
  // The page's own policy, not the site-wide one: images from this origin only, nothing else.
  const policy = (await response?.allHeaders())?.['content-security-policy'] ?? '';
  expect(policy).toContain("default-src 'none'; img-src 'self';");
  expect(policy).toContain("frame-ancestors 'none'");
  await expect(page.getByRole('img', { name: 'Northwind Wellness' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
  expect([...origins]).toEqual([new URL(link.url).origin]);
  expect(await axeViolations(page)).toEqual([]);
  await screenshots(page, 'brand-northwind-interstitial');
});
