import { axeViolations, expect, screenshots, tenantUrl, test } from './fixtures';

test('a tenant host shows its own name and accent; an unknown host shows nothing of any tenant', async ({
  page,
  world,
}) => {
  await page.goto(tenantUrl(world, 'acme'));
  await expect(page.getByRole('heading', { name: 'Acme Health' })).toBeVisible();
  const accent = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
  );
  expect(accent).toBe('#0f766e');
  expect(await axeViolations(page)).toEqual([]);
  await screenshots(page, 'tenant-home');

  const response = await page.goto(tenantUrl(world, 'nobody'));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Acme Health');
});
