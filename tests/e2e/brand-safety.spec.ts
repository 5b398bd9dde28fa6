import type { Page } from '@playwright/test';
import { brandTheme } from '@/lib/branding/brand-theme';
import { request as httpRequest } from '../support/http';
import { type E2EWorld, axeViolations, expect, screenshots, tenantUrl, test } from './fixtures';
import { mintLink, uniqueUser } from './helpers';

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

/** Records every dialog and every request that leaves the tenant's own origin. */
function watch(page: Page, world: E2EWorld) {
  const origin = new URL(tenantUrl(world, 'hostile')).origin;
  const seen = { dialogs: [] as string[], foreignRequests: [] as string[] };
  page.on('dialog', async (dialog) => {
    seen.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) seen.foreignRequests.push(request.url());
  });
  return seen;
}

test('a hostile tenant name and accent render as inert text and a default colour', async ({
  page,
  world,
}) => {
  const seen = watch(page, world);

  await page.goto(tenantUrl(world, 'hostile'));
  await expect(page.getByRole('heading', { name: HOSTILE_NAME })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('img', { name: HOSTILE_NAME })).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.title()).toBe(HOSTILE_NAME);
  const accent = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
  );
  expect(accent).toBe(brandTheme('#0f766e').light.accent);
  expect(await page.content()).not.toContain('evil');
  await screenshots(page, 'brand-hostile-home');

  // The magic-link page (plain HTML) and the signed-in pages treat it the same way.
  const link = await mintLink(world, { reference_id: uniqueUser('hostile'), channel: 'email' }, 'hostile');
  await page.goto(link.url);
  await expect(
    page.getByRole('heading', { name: `Continue to manage your devices at ${HOSTILE_NAME}` }),
  ).toBeVisible();
  expect(await page.content()).not.toContain('evil');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Your devices' })).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);

  // The sanitised logo opened on its own, as a document.
  await page.goto(tenantUrl(world, 'hostile', '/brand/logo'));
  await page.waitForLoadState('networkidle');

  expect(seen.dialogs).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});

test('an uploaded SVG with scripts and external references is served sanitised and locked down', async ({
  world,
}) => {
  const res = await httpRequest(world.origin, {
    host: new URL(tenantUrl(world, 'hostile')).host,
    path: '/brand/logo',
  });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('image/svg+xml');
  expect(res.headers['x-content-type-options']).toContain('nosniff');
  expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  expect(res.headers['content-security-policy']).toContain('sandbox');
  expect(res.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(res.body).toContain('fill="#be123c"');
  expect(res.body).not.toMatch(/<script|onload|onclick|foreignObject|<image|href|javascript:|evil\.test/i);
});
