import { notFound } from 'next/navigation';
import { DisconnectConfirmForm } from '@/components/devices/disconnect-confirm-form';
import { PortalShell } from '@/components/portal-shell';
import { requirePortalSession } from '@/lib/auth/get-portal-session';
import { loadDeviceOrNull } from '@/lib/portal/load-device-or-null';

type Props = { params: Promise<{ host: string; connectionId: string }> };

export default async function DisconnectConfirmPage({ params }: Props) {
  const { host, connectionId } = await params;
  const signedIn = await requirePortalSession(host);
  const device = await loadDeviceOrNull(signedIn, connectionId);
  if (!device || device.status === 'disconnected') notFound();
  return (
    <PortalShell
      tenantName={signedIn.tenant.name}
      returnUrl={signedIn.session.returnUrl}
      userLabel={signedIn.session.userLabel}
      signedIn
    >
      <h1 className="text-2xl font-semibold">Disconnect {device.providerName}?</h1>
      <p className="mt-2 text-[var(--text-muted)]">
        {signedIn.tenant.name} will stop receiving new data from {device.providerName}. You can connect it
        again at any time.
      </p>
      <DisconnectConfirmForm connectionId={device.id} />
    </PortalShell>
  );
}
