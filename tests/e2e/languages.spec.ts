import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { flattenMessages } from '../support/catalogue-check';
import { request as httpRequest } from '../support/http';
import { axeViolations, expect, screenshots, tenantUrl, test } from './fixtures';
import { mintLink, uniqueUser } from './helpers';

/**
 * Every piece of English wording the catalogue has (split around placeholders) that German words
 * differently: none of it may appear on a German page. Brand and provider names are placeholders.
 */
const englishOnly = (() => {
  // Read as files: Playwright's ESM loader wants import attributes for JSON modules.
  const catalogue = (locale: string) =>
    JSON.parse(fs.readFileSync(path.join(process.cwd(), `lib/i18n/messages/${locale}.json`), 'utf8'));
  const german = new Set(flattenMessages(catalogue('de')).values());
  const fragments = [...flattenMessages(catalogue('en')).values()]
    .filter((message) => !german.has(message))
    .flatMap((message) => message.split(/\{\w+\}|<\/?\w+>/))
    .map((fragment) =>
      fragment
        .trim()
        .replace(/^[.,:;!?…]+|[.,:;!?…]+$/g, '')
        .trim(),
    )
    .filter((fragment) => /[A-Za-z]{4,}/.test(fragment));
  return [...new Set(fragments)];
})();

/** What a reader or a screen reader gets from the page: visible text, accessible names, title. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll('[aria-label],[alt],[title]')].map((el) =>
      ['aria-label', 'alt', 'title'].map((name) => el.getAttribute(name) ?? '').join(' '),
    );
    return [document.title, document.body.innerText, ...labels].join('\n');
  });
}

async function expectNoEnglish(page: Page) {
  const text = await readableText(page);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const leftovers = englishOnly.filter((fragment) => new RegExp(`\\b${escape(fragment)}\\b`).test(text));
  expect(leftovers, `English on ${page.url()}`).toEqual([]);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
}

test('a link minted with locale "de" shows the whole journey in German', async ({ page, world }) => {
  const link = await mintLink(world, {
    reference_id: uniqueUser('deutsch'),
    channel: 'email',
    locale: 'de',
    user_label: 'k***@example.de',
    return_url: 'https://app.acme.test/geraete',
  });
  await page.goto(link.url);
  await expect(
    page.getByRole('heading', { name: 'Weiter zur Verwaltung Ihrer Geräte bei Acme Health' }),
  ).toBeVisible();
  await expectNoEnglish(page);
  await page.getByRole('button', { name: 'Weiter' }).click();

  await expect(page.getByRole('heading', { name: 'Ihre Geräte' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Zurück zu Acme Health' })).toBeVisible();
  await expectNoEnglish(page);
  expect(await axeViolations(page)).toEqual([]);

  // Deny: the failure banner.
  await page.getByRole('button', { name: 'Garmin verbinden', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Garmin verbinden' })).toBeVisible();
  await expectNoEnglish(page);
  await page.getByRole('button', { name: 'Ablehnen' }).click();
  await expect(page.getByRole('status')).toContainText(
    'Garmin wurde nicht verbunden: Der Zugriff wurde nicht erlaubt.',
  );
  await expectNoEnglish(page);

  // Allow: the success banner, the list, its dates, the confirmation dialog.
  await page.getByRole('button', { name: 'Oura verbinden', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Oura verbinden' })).toBeVisible();
  await expect(page.getByText('Testumgebung')).toBeVisible();
  await expectNoEnglish(page);
  await screenshots(page, 'lang-de-sandbox-consent');
  await page.getByRole('button', { name: 'Erlauben' }).click();
  await expect(page.getByRole('status')).toContainText('Oura verbunden');
  const oura = page
    .getByRole('list', { name: 'Verbundene Geräte' })
    .getByRole('listitem')
    .filter({ hasText: 'Oura' });
  await expect(oura).toContainText('Verbunden seit');
  await expect(oura.locator('time').first()).toHaveText(/^\d{1,2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
  await expectNoEnglish(page);
  await screenshots(page, 'lang-de-devices');

  await oura.getByRole('button', { name: 'Oura trennen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Oura trennen?' });
  await expect(dialog).toBeVisible();
  await expectNoEnglish(page);
  await dialog.getByRole('button', { name: 'Trennen', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Oura getrennt');
  await expectNoEnglish(page);

  // Signed out, the page still speaks the link's language (the browser asks for English).
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('heading', { name: 'Sie sind abgemeldet' })).toBeVisible();
  await expectNoEnglish(page);
});

test.describe('a browser that asks for Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('gets Japanese pages when the link names no locale', async ({ page, world }) => {
    const link = await mintLink(world, { reference_id: uniqueUser('nihongo'), channel: 'email' });
    await page.goto(link.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByRole('heading', { name: 'Acme Health でデバイスの管理に進みます' })).toBeVisible();
    await page.getByRole('button', { name: '続行' }).click();

    await expect(page.getByRole('heading', { name: 'あなたのデバイス' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await page.getByRole('button', { name: 'Oura を接続', exact: true }).click();
    await page.getByRole('button', { name: '許可' }).click();
    await expect(page.getByRole('status')).toContainText('Oura を接続しました');
    const oura = page.getByRole('list', { name: '接続済みのデバイス' }).getByRole('listitem');
    await expect(oura).toContainText('接続済み');
    await expect(oura.locator('time').first()).toHaveText(/^\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'lang-ja-devices');
  });
});

test("without a link locale or Accept-Language, the tenant's default language applies", async ({ world }) => {
  const host = new URL(tenantUrl(world, 'contoso')).host;
  const french = await httpRequest(world.origin, { host, path: '/' });
  expect(french.body).toContain('<html lang="fr">');
  expect(french.body).toContain('Ouvrez le lien envoyé par votre application');
  const spanish = await httpRequest(world.origin, {
    host,
    path: '/',
    headers: { 'accept-language': 'es-ES,es;q=0.9' },
  });
  expect(spanish.body).toContain('<html lang="es">');
  expect(spanish.body).toContain('Abre el enlace que te envió tu aplicación');
});
