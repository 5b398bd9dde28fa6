'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { portalAction } from '@/lib/auth/portal-action';
import { SourceUnavailableError } from '@/lib/connections/sources/connection-source';
import { providerInfo } from '@/lib/connections/provider-catalogue';
import { actionMessages } from '@/lib/i18n/action-messages';
import { connectForm, disconnectForm } from '@/lib/portal/device-action-schemas';
import { disconnectDevice } from '@/lib/portal/disconnect-device';
import { loadDevice } from '@/lib/portal/load-device';
import { startDeviceConnect } from '@/lib/portal/start-device-connect';

type Who = Parameters<typeof disconnectDevice>[0];

/** Connect or reconnect: sends the browser to the platform's consent step. */
export const connectDevice = portalAction(connectForm, async ({ tenant, session, input }) => {
  let redirectUrl: string;
  try {
    ({ redirectUrl } = await startDeviceConnect(
      { tenant, session },
      { provider: input.provider, connectionId: input.connection_id },
    ));
  } catch (error) {
    if (error instanceof SourceUnavailableError) {
      const t = await actionMessages({ tenant, session });
      return { ok: false, message: t('unreachable', { provider: providerInfo(input.provider).name }) };
    }
    throw error;
  }
  redirect(redirectUrl);
});

async function disconnectOrExplain(who: Who, connectionId: string) {
  const device = await loadDevice(who, { connectionId });
  const t = await actionMessages(who);
  try {
    await disconnectDevice(who, { connectionId });
    return {
      ok: true as const,
      provider: device.provider,
      message: t('disconnected', { provider: device.providerName }),
    };
  } catch (error) {
    if (error instanceof SourceUnavailableError)
      return { ok: false as const, message: t('disconnectFailed', { provider: device.providerName }) };
    throw error;
  }
}

/** The confirmation form's action when JavaScript is off: redirects back to the list with a banner. */
export const disconnectDeviceAndReturn = portalAction(disconnectForm, async ({ tenant, session, input }) => {
  const result = await disconnectOrExplain({ tenant, session }, input.connection_id);
  if (!result.ok) return result;
  revalidatePath('/devices');
  redirect(`/devices?disconnected=${encodeURIComponent(result.provider)}`);
});

/** The same from the page's script, which has already removed the row and rolls back on failure. */
export const disconnectDeviceInPlace = portalAction(disconnectForm, async ({ tenant, session, input }) => {
  const result = await disconnectOrExplain({ tenant, session }, input.connection_id);
  if (!result.ok) return result;
  revalidatePath('/devices');
  return { ok: true, message: result.message };
});
