import { request as httpRequest } from '../support/http';
import { type E2EWorld, axeViolations, expect, screenshots, tenantUrl, test } from './fixtures';

async function mint(world: E2EWorld, body: Record<string, unknown>, slug = 'acme') {
  const tenant = world.tenants[slug];
  if (!tenant) throw new Error(`no tenant ${slug}`);
  const res = await httpRequest(world.origin, {
    path: '/api/v1/portal_links',
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return res.json<{ url: string; reference_id: string }>();
}

test('a redirect link signs the user in without a click; the same link elsewhere is used up', async ({
  page,
  browser,
  world,
}) => {
  const link = await mint(world, { reference_id: 'e2e-redirect', user_label: 'r***@example.com' });
  expect(link.url).toContain(`acme.${world.rootDomain}/l/`);
  await page.goto(link.url);
  await expect(page).toHaveURL(tenantUrl(world, 'acme', '/devices'));
  await expect(page.getByText('Signed in as r***@example.com')).toBeVisible();
  expect(await page.content()).not.toContain(new URL(link.url).pathname);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const response = await otherPage.goto(link.url);
  expect(response?.status()).toBe(410);
  await expect(otherPage.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();
  await other.close();
});

test('an e-mailed link waits for Continue, and a scanner that only fetches it cannot burn it', async ({
  page,
  world,
}) => {
  const link = await mint(world, {
    reference_id: 'e2e-email',
    channel: 'email',
    user_label: 'e***@example.com',
    expires_in: 604800,
  });
  const url = new URL(link.url);
  const scanned = await httpRequest(world.origin, { host: url.host, path: url.pathname });
  expect(scanned.status).toBe(200);

  await page.goto(link.url);
  await expect(
    page.getByRole('heading', { name: 'Continue to manage your devices at Acme Health' }),
  ).toBeVisible();
  await expect(page.getByText('for e***@example.com')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await screenshots(page, 'link-interstitial');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(tenantUrl(world, 'acme', '/devices'));
  await expect(page.getByText('Signed in as e***@example.com')).toBeVisible();
});

test('an expired link explains itself and offers the way back', async ({ page, world }) => {
  const response = await page.goto(tenantUrl(world, 'acme', `/l/${world.tenants.acme?.expiredLinkToken}`));
  expect(response?.status()).toBe(410);
  await expect(page.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to Acme Health' })).toHaveAttribute(
    'href',
    'https://app.acme.test/',
  );
  expect(await axeViolations(page)).toEqual([]);
  await screenshots(page, 'link-expired');
});

test("a sibling tenant's page cannot post a victim's link (same-site, cross-origin)", async ({
  page,
  world,
}) => {
  const link = await mint(world, {
    reference_id: 'e2e-victim',
    channel: 'email',
    user_label: 'v***@example.com',
  });
  const attackerPage = tenantUrl(world, 'globex', '/attack');
  // The page is served as if from globex's origin: same site as acme under portal.test.
  await page.route(attackerPage, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!DOCTYPE html><html lang="en"><body><form method="post" action="${link.url}"><button>Go</button></form></body></html>`,
    }),
  );
  await page.goto(attackerPage);
  const [response] = await Promise.all([
    page.waitForResponse(link.url),
    page.getByRole('button', { name: 'Go' }).click(),
  ]);
  expect(response.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'This request came from another site' })).toBeVisible();
  const cookies = await page.context().cookies(tenantUrl(world, 'acme'));
  expect(cookies.find((c) => c.name === 'cp_session')).toBeUndefined();

  // The link still works for its owner.
  await page.goto(link.url);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Signed in as v***@example.com')).toBeVisible();
  const session = (await page.context().cookies(tenantUrl(world, 'acme'))).find(
    (c) => c.name === 'cp_session',
  );
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', domain: `acme.portal.test` });
});

test('signing out ends the session in this browser', async ({ page, world }) => {
  const link = await mint(world, { reference_id: 'e2e-signout' });
  await page.goto(link.url);
  await expect(page.getByRole('heading', { name: 'Your devices' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(tenantUrl(world, 'acme', '/signed-out'));
  await expect(page.getByRole('heading', { name: /signed out/ })).toBeVisible();
  await page.goto(tenantUrl(world, 'acme', '/devices'));
  await expect(page).toHaveURL(/\/expired\?reason=/);
  expect(await axeViolations(page)).toEqual([]);
});
