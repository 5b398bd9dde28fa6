'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useActionState, useCallback, useEffect, useRef, useState } from 'react';
import { connectDevice, disconnectDeviceInPlace } from '@/app/t/[host]/devices/actions';
import type { DeviceView } from '@/lib/connections/connection-row';
import type { SourceName } from '@/lib/connections/vocabulary';
import type { DevicesData } from '@/lib/portal/devices-data';
import { AddDeviceGrid } from './add-device-grid';
import { DeviceListItem } from './device-list-item';
import { DisconnectDialog } from './disconnect-dialog';
import { buttonStyles } from '../ui/button-styles';
import { FLASH_PARAMS, type FlashMessage } from '@/lib/portal/devices-flash';
import { FlashBanner } from './flash-banner';
import { needsAttention } from './needs-attention';

const QUERY_KEY = ['devices'];
const PENDING_POLL_MS = 3000;
// A connection the user is asked to fix may be fixed elsewhere (the app, the platform): look again.
const ATTENTION_POLL_MS = 10_000;

class SessionEndedError extends Error {}

async function fetchDevices(): Promise<DevicesData> {
  const response = await fetch('/devices/connections', {
    headers: { accept: 'application/json' },
    cache: 'no-store',
  });
  if (response.status === 401) throw new SessionEndedError();
  if (!response.ok) throw new Error(`Could not refresh your devices (${response.status})`);
  return (await response.json()) as DevicesData;
}

/**
 * The list is rendered on the server and handed over as initial data (no request on first paint),
 * refreshed when the window regains focus, and polled while a connection is pending (every 3 s) or
 * needs the user (every 10 s).
 */
export function DevicesView({
  initialData,
  initialFlash,
  tenant,
}: {
  initialData: DevicesData;
  initialFlash: FlashMessage | null;
  tenant: { name: string; source: SourceName };
}) {
  const t = useTranslations('devices');
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data, isError, error } = useQuery({
    queryKey: QUERY_KEY,
    queryFn: fetchDevices,
    initialData,
    refetchOnMount: false,
    refetchOnWindowFocus: 'always',
    refetchInterval: (query) => {
      const devices = query.state.data?.devices ?? [];
      if (devices.some((d) => d.status === 'pending')) return PENDING_POLL_MS;
      return devices.some(needsAttention) ? ATTENTION_POLL_MS : false;
    },
  });
  const [connectState, connectAction, connectPending] = useActionState(connectDevice, null);
  const [confirming, setConfirming] = useState<DeviceView | null>(null);
  const [flash, setFlash] = useState<FlashMessage | null>(initialFlash);
  const banner = useRef<HTMLDivElement>(null);
  const bannerElement = useCallback(() => banner.current, []);

  const disconnect = useMutation({
    mutationFn: async (device: DeviceView) => {
      const form = new FormData();
      form.set('connection_id', device.id);
      const result = await disconnectDeviceInPlace(null, form);
      if (!result?.ok)
        throw new Error(result?.message ?? t('disconnectFailed', { provider: device.providerName }));
      return result;
    },
    onMutate: async (device) => {
      await queryClient.cancelQueries({ queryKey: QUERY_KEY });
      const previous = queryClient.getQueryData<DevicesData>(QUERY_KEY);
      queryClient.setQueryData<DevicesData>(QUERY_KEY, (current) =>
        current ? { ...current, devices: current.devices.filter((d) => d.id !== device.id) } : current,
      );
      return { previous };
    },
    onError: (error, _device, context) => {
      if (context?.previous) queryClient.setQueryData(QUERY_KEY, context.previous);
      setFlash({ tone: 'error', text: error.message });
    },
    onSuccess: (result, device) =>
      setFlash({
        tone: 'success',
        text: result.message ?? t('disconnected', { provider: device.providerName }),
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: QUERY_KEY }),
  });

  // A connect that fails before leaving the page (the platform unreachable) reports in the same banner;
  // state adjusted while rendering, as React recommends for state derived from a changed value.
  const [reportedConnect, setReportedConnect] = useState(connectState);
  if (connectState !== reportedConnect) {
    setReportedConnect(connectState);
    if (connectState && !connectState.ok) setFlash({ tone: 'error', text: connectState.message });
  }

  useEffect(() => {
    // The banner is shown once: a reload, a bookmark or Back must not bring it back (SPEC §13).
    const url = new URL(window.location.href);
    for (const key of FLASH_PARAMS) url.searchParams.delete(key);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
  }, []);

  useEffect(() => {
    if (error instanceof SessionEndedError) router.push('/expired?reason=session');
  }, [error, router]);

  const devices = data.devices;
  const attentionCount = devices.filter(needsAttention).length;

  return (
    <>
      <FlashBanner
        ref={banner}
        flash={flash}
        dismiss={{ label: t('dismiss'), onDismiss: () => setFlash(null) }}
        action={
          flash?.retryProvider ? (
            <form action={connectAction}>
              <input type="hidden" name="provider" value={flash.retryProvider} />
              <button type="submit" className={buttonStyles.secondary} disabled={connectPending}>
                {t('tryAgain')}
              </button>
            </form>
          ) : null
        }
      />
      {isError ? (
        <p className="mb-4 rounded-lg bg-[var(--warning-bg)] px-4 py-3 text-sm text-[var(--warning-text)]">
          {t('refreshFailed')}
        </p>
      ) : null}
      {data.notice === 'stale' ? (
        <p className="mb-4 rounded-lg bg-[var(--warning-bg)] px-4 py-3 text-sm text-[var(--warning-text)]">
          {t('stale')}
        </p>
      ) : null}

      <section aria-labelledby="connected-heading">
        <h2 id="connected-heading" className="text-lg font-semibold">
          {t('connectedHeading')}
        </h2>
        {attentionCount > 0 ? (
          <p className="mt-2 rounded-lg bg-[var(--warning-bg)] px-4 py-3 text-sm font-medium text-[var(--warning-text)]">
            {attentionCount === 1 ? t('attentionOne') : t('attentionMany', { count: attentionCount })}
          </p>
        ) : null}
        {devices.length === 0 ? (
          <p className="mt-3 rounded-xl border border-dashed border-[var(--border)] p-6 text-center text-[var(--text-muted)]">
            {t('empty')}
          </p>
        ) : (
          <ul aria-label={t('connectedHeading')} className="mt-3 flex flex-col gap-3">
            {devices.map((device) => (
              <DeviceListItem
                key={device.id}
                device={device}
                connectAction={connectAction}
                connectPending={connectPending}
                onDisconnectRequest={setConfirming}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="add-heading" className="mt-10">
        <h2 id="add-heading" className="text-lg font-semibold">
          {t('addHeading')}
        </h2>
        <div className="mt-3">
          <AddDeviceGrid
            providers={data.addable}
            connectAction={connectAction}
            pending={connectPending}
            tenantName={tenant.name}
          />
        </div>
      </section>

      <DisconnectDialog
        device={confirming}
        tenant={tenant}
        onClose={() => setConfirming(null)}
        focusAfterConfirm={bannerElement}
        onConfirm={async (device) => {
          // Errors become the banner (onError); the dialog only waits for the outcome.
          await disconnect.mutateAsync(device).catch(() => undefined);
          setConfirming(null);
        }}
      />
    </>
  );
}
