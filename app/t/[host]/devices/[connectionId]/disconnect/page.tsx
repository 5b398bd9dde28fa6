import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { DisconnectConfirmForm } from '@/components/devices/disconnect-confirm-form';
import { DisconnectConsequences } from '@/components/devices/disconnect-consequences';
import { SignedInShell } from '@/components/portal-shell';
import { requirePortalSession } from '@/lib/auth/get-portal-session';
import { deviceView } from '@/lib/connections/connection-row';
import { findConnection } from '@/lib/connections/find-connection';

type Props = { params: Promise<{ host: string; connectionId: string }> };

export default async function DisconnectConfirmPage({ params }: Props) {
  const { host, connectionId } = await params;
  const signedIn = await requirePortalSession(host);
  const row = await findConnection(signedIn.db, {
    tenantId: signedIn.tenant.id,
    connectionId,
    referenceId: signedIn.session.referenceId,
  });
  const device = row ? deviceView(row) : null;
  if (!device || device.status === 'disconnected') notFound();
  const t = await getTranslations('dialog');
  return (
    <SignedInShell signedIn={signedIn}>
      <h1 className="text-2xl font-semibold">{t('title', { provider: device.providerName })}</h1>
      <DisconnectConsequences
        provider={device.providerName}
        tenant={signedIn.tenant.name}
        source={signedIn.tenant.source}
      />
      <ClientMessages namespaces={['dialog']}>
        <DisconnectConfirmForm connectionId={device.id} />
      </ClientMessages>
    </SignedInShell>
  );
}
