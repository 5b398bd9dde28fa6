import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import type { World } from '../support/seed-world';
import { E2E_WORLD_FILE } from './global-setup';

export type E2EWorld = World & { origin: string; rootDomain: string; port: number; terraUrl: string };

export function loadWorld(): E2EWorld {
  return JSON.parse(fs.readFileSync(E2E_WORLD_FILE, 'utf8')) as E2EWorld;
}

export function tenantUrl(world: E2EWorld, slug: string, path = '/'): string {
  return `http://${slug}.${world.rootDomain}${path}`;
}

/** Axe with the WCAG 2.2 A/AA rules; returns the violations for a readable failure message. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** Screenshots at phone and desktop widths, kept as artifacts of the run. */
/** The page at a phone's and a desktop's width, light and dark: test-results/screenshots/{name}-{width}-{scheme}.png */
export async function screenshots(page: Page, name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await page.screenshot({
        path: `test-results/screenshots/${name}-${width}-${colorScheme}.png`,
        fullPage: true,
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

export const test = base.extend<{ world: E2EWorld }>({
  world: async ({}, provide) => provide(loadWorld()),
});
export { expect };
