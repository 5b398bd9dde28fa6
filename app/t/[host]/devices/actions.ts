'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { type PortalContext, portalAction } from '@/lib/auth/portal-action';
import { deviceView } from '@/lib/connections/connection-row';
import { disconnectConnection } from '@/lib/connections/disconnect-connection';
import { requireConnection } from '@/lib/connections/find-connection';
import { providerInfo } from '@/lib/connections/provider-catalogue';
import { startConnection } from '@/lib/connections/start-connection';
import { actionMessages } from '@/lib/i18n/action-messages';
import { connectForm, disconnectForm } from '@/lib/portal/device-action-schemas';

/** Connect or reconnect: sends the browser to the platform's consent step. */
export const connectDevice = portalAction(
  connectForm,
  async ({ db, tenant, session, portalOrigin, requestOrigin, input }) => {
    const { redirectUrl } = await startConnection(db, {
      tenant,
      session,
      provider: input.provider,
      connectionId: input.connection_id,
      portalOrigin,
      origin: requestOrigin,
    });
    redirect(redirectUrl);
  },
  {
    unavailable: async (context) =>
      (await actionMessages(context))('unreachable', { provider: providerInfo(context.input.provider).name }),
  },
);

/** The end user disconnects one of their devices, at the platform first. */
async function disconnectOwnDevice(context: PortalContext, connectionId: string) {
  const { db, tenant, session, requestOrigin } = context;
  const row = await disconnectConnection(db, {
    tenant,
    connectionId,
    referenceId: session.referenceId,
    initiatedBy: 'end_user',
    actor: { type: 'end_user', id: session.referenceId },
    origin: requestOrigin,
  });
  return deviceView(row);
}

/** "We couldn't disconnect Oura": the failure names the device, read only on this path. */
async function disconnectFailed(context: PortalContext & { input: { connection_id: string } }) {
  const { db, tenant, session, input } = context;
  const row = await requireConnection(db, {
    tenantId: tenant.id,
    connectionId: input.connection_id,
    referenceId: session.referenceId,
  });
  return (await actionMessages(context))('disconnectFailed', { provider: providerInfo(row.provider).name });
}

/** The confirmation form's action when JavaScript is off: redirects back to the list with a banner. */
export const disconnectDeviceAndReturn = portalAction(
  disconnectForm,
  async (context) => {
    const device = await disconnectOwnDevice(context, context.input.connection_id);
    revalidatePath('/devices');
    redirect(`/devices?disconnected=${encodeURIComponent(device.provider)}`);
  },
  { unavailable: disconnectFailed },
);

/** The same from the page's script, which has already removed the row and rolls back on failure. */
export const disconnectDeviceInPlace = portalAction(
  disconnectForm,
  async (context) => {
    const device = await disconnectOwnDevice(context, context.input.connection_id);
    revalidatePath('/devices');
    const t = await actionMessages(context);
    return { ok: true, message: t('disconnected', { provider: device.providerName }) };
  },
  { unavailable: disconnectFailed },
);
