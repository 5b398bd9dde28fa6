import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { mintLink, uniqueUser } from './helpers';

/** Axe's colour-contrast rule alone, so a failure names the pair that is too faint. */
async function contrastViolations(page: Page) {
  // Measured once the style sheets have loaded, or unstyled text would pass for the wrong reason.
  await page.waitForLoadState('load');
  const results = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  expect(results.passes.length + results.violations.length).toBeGreaterThan(0);
  return results.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`));
}

// The extremes: pure yellow is unreadable on white, near-black vanishes on the dark surface.
for (const [slug, accent] of [
  ['sunny', '#ffff00'],
  ['ink', '#111111'],
] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`accent ${accent} keeps AA contrast in the ${colorScheme} scheme`, async ({ page, world }) => {
      await page.emulateMedia({ colorScheme });
      const link = await mintLink(world, { reference_id: uniqueUser(slug), channel: 'email' }, slug);
      await page.goto(link.url);
      expect(await contrastViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('heading', { name: 'Your devices' })).toBeVisible();
      // Theme "auto" follows the device (app/globals.css is minified, so white may read as #fff).
      const surface = () =>
        page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--surface').trim());
      await expect.poll(surface).toMatch(colorScheme === 'dark' ? /^#0b1120$/ : /^#fff(fff)?$/);
      expect(await contrastViolations(page)).toEqual([]);

      // The consent page's Allow is an accent-filled button.
      await page.getByRole('button', { name: 'Connect Oura', exact: true }).click();
      await expect(page.getByRole('button', { name: 'Allow' })).toBeVisible();
      expect(await contrastViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Allow' }).click();
      await expect(page.getByRole('status')).toContainText('Oura connected');
      expect(await contrastViolations(page)).toEqual([]);
    });
  }
}
