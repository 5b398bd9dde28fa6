import type { Page } from '@playwright/test';
import { type E2EWorld, axeViolations, expect, screenshots, tenantUrl, test } from './fixtures';
import { apiCall, signIn, uniqueUser } from './helpers';

async function connectedDevices(page: Page) {
  return page.getByRole('list', { name: 'Connected devices' }).getByRole('listitem');
}

async function apiConnections(world: E2EWorld, referenceId: string) {
  const res = await apiCall(
    world,
    'acme',
    'GET',
    `/api/v1/users/${encodeURIComponent(referenceId)}/connections`,
  );
  expect(res.status).toBe(200);
  return res.json<{ data: { provider: string; status: string }[] }>().data;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('connect Oura through the sandbox, then disconnect it with a confirmation', async ({
      page,
      world,
    }) => {
      const user = uniqueUser(javaScriptEnabled ? 'journey-js' : 'journey-nojs');
      await signIn(page, world, user);
      await expect(page.getByRole('heading', { name: 'Your devices' })).toBeVisible();
      await expect(page.getByText('No devices connected yet')).toBeVisible();
      await expect(await connectedDevices(page)).toHaveCount(0);
      if (javaScriptEnabled) {
        expect(await axeViolations(page)).toEqual([]);
        await screenshots(page, 'devices-empty');
      }

      await page.getByRole('button', { name: 'Connect Oura', exact: true }).click();
      await expect(page).toHaveURL(/\/sandbox\/authorize\?state=/);
      await expect(page.getByText('Sandbox')).toBeVisible();
      if (javaScriptEnabled) {
        expect(await axeViolations(page)).toEqual([]);
        await screenshots(page, 'sandbox-authorize');
      }
      await page.getByRole('button', { name: 'Allow' }).click();

      // The banner's query is dropped from the address once shown (JS on); without JS it stays.
      await expect(page).toHaveURL(
        tenantUrl(world, 'acme', javaScriptEnabled ? '/devices' : '/devices?connected=OURA'),
      );
      await expect(page.getByRole('status')).toContainText('Oura connected');
      const oura = (await connectedDevices(page)).filter({ hasText: 'Oura' });
      await expect(oura).toHaveCount(1);
      await expect(oura).toContainText('Connected');
      await expect(page.getByRole('button', { name: 'Connect Oura', exact: true })).toHaveCount(0);
      if (javaScriptEnabled) {
        expect(await axeViolations(page)).toEqual([]);
        await screenshots(page, 'devices-connected');
      }

      await page.getByRole('button', { name: 'Disconnect Oura' }).click();
      if (javaScriptEnabled) {
        const dialog = page.getByRole('dialog', { name: 'Disconnect Oura?' });
        await expect(dialog).toBeVisible();
        await expect(dialog).toContainText(
          'Acme Health will stop receiving new data from Oura. You can connect it again at any time.',
        );
        await expect(dialog).toContainText('The data Acme Health already received stays with Acme Health.');
        expect(await axeViolations(page)).toEqual([]);
        await screenshots(page, 'devices-disconnect-dialog');
        await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
      } else {
        await expect(page).toHaveURL(/\/devices\/conn_[A-Za-z0-9_-]+\/disconnect/);
        await expect(page.getByRole('main')).toContainText(
          'Acme Health will stop receiving new data from Oura. You can connect it again at any time.',
        );
        await expect(page.getByRole('main')).toContainText(
          'The data Acme Health already received stays with Acme Health.',
        );
        await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
        await expect(page).toHaveURL(tenantUrl(world, 'acme', '/devices?disconnected=OURA'));
      }
      await expect(page.getByRole('status')).toContainText('Oura disconnected');
      await expect((await connectedDevices(page)).filter({ hasText: 'Oura' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Connect Oura', exact: true })).toBeVisible();
      expect(await apiConnections(world, user)).toEqual([
        expect.objectContaining({ provider: 'OURA', status: 'disconnected' }),
      ]);
    });
  });
}

test("a double-click on the dialog's Disconnect disconnects that device once and opens nothing else", async ({
  page,
  world,
}) => {
  const user = uniqueUser('double-click');
  await signIn(page, world, user);
  for (const provider of ['Oura', 'Fitbit']) {
    await page.getByRole('button', { name: `Connect ${provider}`, exact: true }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page.getByRole('status')).toContainText(`${provider} connected`);
  }
  const listed = await apiCall(world, 'acme', 'GET', `/api/v1/users/${user}/connections`);
  const byProvider = Object.fromEntries(
    listed.json<{ data: { id: string; provider: string }[] }>().data.map((c) => [c.provider, c.id]),
  );
  // Fitbit needs reconnecting, so its row has a Reconnect button a stray second click could hit.
  const broken = await apiCall(
    world,
    'acme',
    'POST',
    `/api/v1/sandbox/connections/${byProvider.FITBIT}/status`,
    {
      status: 'reauth_required',
    },
  );
  expect(broken.status).toBe(200);
  await page.goto(tenantUrl(world, 'acme', '/devices'));
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });

  await page.getByRole('button', { name: 'Disconnect Oura' }).click();
  await page
    .getByRole('dialog', { name: 'Disconnect Oura?' })
    .getByRole('button', { name: 'Disconnect', exact: true })
    .dblclick();

  const banner = page.getByRole('status');
  await expect(banner).toContainText('Oura disconnected');
  // The row that held the focus is gone; focus lands on the message that says what happened.
  await expect(banner).toBeFocused();
  await page.waitForLoadState('networkidle');
  // The action refreshes /devices in place; nothing else (a consent page, a device page) opens.
  const devicesUrl = tenantUrl(world, 'acme', '/devices');
  expect(navigations.filter((url) => url !== devicesUrl)).toEqual([]);
  expect(page.url()).toBe(devicesUrl);
  const after = await apiCall(world, 'acme', 'GET', `/api/v1/users/${user}/connections`);
  expect(
    after
      .json<{ data: { provider: string; status: string }[] }>()
      .data.map((c) => `${c.provider} ${c.status}`)
      .sort(),
  ).toEqual(['FITBIT reauth_required', 'OURA disconnected']);
  const events = await apiCall(world, 'acme', 'GET', '/api/v1/events?limit=100');
  const deletions = events
    .json<{ data: { type: string; data: { connection?: { id: string } } }[] }>()
    .data.filter((e) => e.type === 'connection.deleted' && e.data.connection?.id === byProvider.OURA);
  expect(deletions).toHaveLength(1);
});

test('Back to a device page after disconnecting it shows the truth and a way to connect again', async ({
  page,
  world,
}) => {
  await signIn(page, world, uniqueUser('back-after-disconnect'));
  await page.getByRole('button', { name: 'Connect Polar', exact: true }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByRole('status')).toContainText('Polar connected');
  await page.getByRole('link', { name: 'Polar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Polar', level: 1 })).toBeVisible();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'All devices' }).click();
  await page.getByRole('button', { name: 'Disconnect Polar' }).click();
  await page
    .getByRole('dialog', { name: 'Disconnect Polar?' })
    .getByRole('button', { name: 'Disconnect', exact: true })
    .click();
  await expect(page.getByRole('status')).toContainText('Polar disconnected');

  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Polar', level: 1 })).toBeVisible();
  await expect(page.getByText('Disconnected', { exact: true })).toBeVisible();
  await expect(page.getByText('This device is disconnected: it no longer shares new data.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Disconnect Polar' })).toHaveCount(0);
  await expect(page.getByRole('main')).not.toContainText(/just now|this minute/);
  expect(await axeViolations(page)).toEqual([]);
  await screenshots(page, 'device-disconnected');
  await page.getByRole('button', { name: 'Connect Polar again' }).click();
  await expect(page).toHaveURL(/\/sandbox\/authorize\?state=/);
});
