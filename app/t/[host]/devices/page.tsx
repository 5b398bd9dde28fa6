import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { DevicesView } from '@/components/devices/devices-view';
import { SignedInShell } from '@/components/portal-shell';
import { QueryProvider } from '@/components/query-provider';
import { Badge } from '@/components/ui/badge';
import { requirePortalSession } from '@/lib/auth/get-portal-session';
import { loadDevicesData } from '@/lib/portal/devices-data';
import { devicesFlash } from '@/lib/portal/devices-flash';

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function DevicesPage({ params, searchParams }: Props) {
  const signedIn = await requirePortalSession((await params).host);
  const data = await loadDevicesData(signedIn);
  const t = await getTranslations('devices');
  const flash = devicesFlash(await searchParams, await getTranslations('flash'));
  return (
    <SignedInShell signedIn={signedIn}>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        {data.isSandbox ? <Badge tone="warning">{t('sandbox')}</Badge> : null}
      </div>
      <ClientMessages namespaces={['devices', 'dialog', 'status']}>
        <QueryProvider>
          <DevicesView
            initialData={data}
            initialFlash={flash}
            tenant={{ name: signedIn.tenant.name, source: signedIn.tenant.source }}
          />
        </QueryProvider>
      </ClientMessages>
    </SignedInShell>
  );
}
