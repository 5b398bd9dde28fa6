import type { Page } from '@playwright/test';
import { axeViolations, expect, screenshots, tenantUrl, test } from './fixtures';
import { mintLink, signIn, uniqueUser } from './helpers';

// Acme sets --app-url https://app.acme.test/ and --link-request-url https://app.acme.test/portal-link.
const APP = 'https://app.acme.test/';

/** The one exit layout: the tenant's card, the way back, and a new link when it solves the problem. */
async function expectExitPage(page: Page, name: string, backHref: string, reason: string | null) {
  await expect(page.locator('main[data-layout="exit"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Back to Acme Health' })).toHaveAttribute('href', backHref);
  const newLink = page.getByRole('link', { name: 'Get a new link' });
  if (reason) await expect(newLink).toHaveAttribute('href', `${APP}portal-link?reason=${reason}`);
  else await expect(newLink).toHaveCount(0);
  // No header, no Sign out: there is nothing to sign out of.
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await screenshots(page, `exit-${name}`);
}

test('an expired link, a used link, the signed-out page and an unknown device share one exit layout', async ({
  page,
  browser,
  world,
}) => {
  // Expired: the link's own return URL is the way back.
  const expired = await page.goto(tenantUrl(world, 'acme', `/l/${world.tenants.acme?.expiredLinkToken}`));
  expect(expired?.status()).toBe(410);
  await expect(page.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
  await expectExitPage(page, 'link-expired', APP, 'expired');

  // Used: opened once in another browser, then here; the link had no return URL, so the app's.
  const link = await mintLink(world, { reference_id: uniqueUser('exit-used') });
  const other = await browser.newContext();
  await (await other.newPage()).goto(link.url);
  await other.close();
  const used = await page.goto(link.url);
  expect(used?.status()).toBe(410);
  await expect(page.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();
  await expectExitPage(page, 'link-used', APP, 'used');

  // Signed out: the ended session's return URL is still offered.
  await signIn(page, world, uniqueUser('exit-signout'), { return_url: 'https://app.acme.test/settings' });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: "You're signed out" })).toBeVisible();
  await expectExitPage(page, 'signed-out', 'https://app.acme.test/settings', 'signed_out');

  // Not signed in at all.
  await page.goto(tenantUrl(world, 'acme', '/devices'));
  await expect(page).toHaveURL(/\/expired\?reason=/);
  await expectExitPage(page, 'not-signed-in', APP, 'signed_out');

  // A device id that is nobody's: the tenant's own page, with a 404 and the way to the list.
  await signIn(page, world, uniqueUser('exit-device'));
  const missing = await page.goto(tenantUrl(world, 'acme', '/devices/conn_AAAAAAAAAAAAAAAA'));
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: "We couldn't find that device" })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Your devices' })).toHaveAttribute('href', '/devices');
  await expectExitPage(page, 'device-missing', APP, null);
});
