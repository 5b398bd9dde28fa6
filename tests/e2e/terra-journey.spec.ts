import { expect, screenshots, tenantUrl, test } from './fixtures';
import { apiCall, signIn, uniqueUser } from './helpers';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`Terra, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('connect Oura through the Terra widget, then disconnect it at Terra', async ({ page, world }) => {
      const user = uniqueUser(javaScriptEnabled ? 'terra-js' : 'terra-nojs');
      await signIn(page, world, user, {}, 'fitco');
      await expect(page.getByText('Sandbox')).toHaveCount(0);
      await page.getByRole('button', { name: 'Connect Oura', exact: true }).click();

      // Terra's hosted consent page (the emulator), on another origin.
      await expect(page).toHaveURL(new RegExp(`^${world.terraUrl}/widget/session/`));
      await expect(page.getByText('Terra emulator')).toBeVisible();
      await page.getByRole('button', { name: 'Allow' }).click();

      // The banner's query is dropped from the address once shown (JS on); without JS it stays.
      await expect(page).toHaveURL(
        tenantUrl(world, 'fitco', javaScriptEnabled ? '/devices' : '/devices?connected=OURA'),
      );
      const oura = page
        .getByRole('list', { name: 'Connected devices' })
        .getByRole('listitem')
        .filter({ hasText: 'Oura' });
      await expect(oura).toContainText('Connected');
      if (javaScriptEnabled) await screenshots(page, 'terra-connected');

      await oura.getByRole('button', { name: 'Disconnect Oura' }).click();
      // What happens to the data already shared, for Terra, in the dialog and on the page alike.
      await expect(
        page.getByText('Terra, the service that links your devices, deletes what it holds'),
      ).toBeVisible();
      if (javaScriptEnabled) {
        await page
          .getByRole('dialog', { name: 'Disconnect Oura?' })
          .getByRole('button', { name: 'Disconnect', exact: true })
          .click();
      } else {
        await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
      }
      await expect(page.getByRole('status')).toContainText('Oura disconnected');
      await expect(page.getByRole('list', { name: 'Connected devices' })).toHaveCount(0);

      const terraState = await (await fetch(`${world.terraUrl}/__emulator/state`)).json();
      expect(
        (terraState as { users: { reference_id: string }[] }).users.filter((u) => u.reference_id === user),
      ).toEqual([]);
      const listed = await apiCall(world, 'fitco', 'GET', `/api/v1/users/${user}/connections`);
      expect(listed.json<{ data: { provider: string; status: string }[] }>().data).toEqual([
        expect.objectContaining({ provider: 'OURA', status: 'disconnected' }),
      ]);
    });
  });
}

test('Deny at Terra comes back as a readable failure with no connection', async ({ page, world }) => {
  await signIn(page, world, uniqueUser('terra-deny'), {}, 'fitco');
  await page.getByRole('button', { name: 'Connect Garmin', exact: true }).click();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('status')).toContainText("Garmin wasn't connected");
  await expect(page.getByRole('list', { name: 'Connected devices' })).toHaveCount(0);
});

test('the device list on the Terra source loads nothing from another host, images included', async ({
  page,
  world,
}) => {
  await signIn(page, world, uniqueUser('terra-requests'), {}, 'fitco');
  const hosts = new Set<string>();
  page.on('request', (request) => {
    hosts.add(new URL(request.url()).host);
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Add a device' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect([...hosts]).toEqual([new URL(tenantUrl(world, 'fitco')).host]);
});
