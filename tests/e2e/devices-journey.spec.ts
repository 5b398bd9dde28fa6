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

      await expect(page).toHaveURL(tenantUrl(world, 'acme', '/devices?connected=OURA'));
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
        expect(await axeViolations(page)).toEqual([]);
        await screenshots(page, 'devices-disconnect-dialog');
        await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
      } else {
        await expect(page).toHaveURL(/\/devices\/conn_[A-Za-z0-9_-]+\/disconnect/);
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
