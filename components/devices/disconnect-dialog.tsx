'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { DeviceView } from '@/lib/connections/connection-row';
import type { SourceName } from '@/lib/connections/vocabulary';
import { buttonStyles } from '../ui/button-styles';
import { DisconnectConsequences } from './disconnect-consequences';

type Props = {
  device: DeviceView | null;
  tenant: { name: string; source: SourceName };
  /** Settles when the disconnect has finished (either way); the dialog stays open until then. */
  onConfirm: (device: DeviceView) => Promise<void>;
  onClose: () => void;
  /** Where focus goes once a confirmed disconnect closes the dialog (its opener's row is gone). */
  focusAfterConfirm: () => HTMLElement | null;
};

/**
 * Native <dialog>: focus is trapped and restored by the browser, Escape closes it. It stays open, its
 * button disabled, until the disconnect settles: a second click of a double-click lands on it, never
 * on whatever the closing dialog would uncover.
 */
// The dialog exists only with JavaScript; without it the row's link opens the confirmation page.
export function DisconnectDialog({ device, tenant, onConfirm, onClose, focusAfterConfirm }: Props) {
  const t = useTranslations('dialog');
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const confirmed = useRef(false);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (device && !element.open) element.showModal();
    if (!device && element.open) {
      // close() hands focus back to the opener; after a disconnect that button no longer exists.
      element.close();
      if (confirmed.current) focusAfterConfirm()?.focus();
      confirmed.current = false;
    }
  }, [device, focusAfterConfirm]);
  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!device || busy) return;
    setBusy(true);
    confirmed.current = true;
    try {
      await onConfirm(device);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    if (!busy) onClose();
  };
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      // Escape while the disconnect runs would close it early and uncover the page under the pointer.
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      aria-labelledby="disconnect-title"
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-xl bg-[var(--surface)] p-6 text-[var(--text)] shadow-xl backdrop:bg-black/50"
    >
      {device ? (
        <>
          <h2 id="disconnect-title" className="text-lg font-semibold">
            {t('title', { provider: device.providerName })}
          </h2>
          <DisconnectConsequences
            provider={device.providerName}
            tenant={tenant.name}
            source={tenant.source}
          />
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <button
              type="button"
              className={buttonStyles.secondary}
              onClick={close}
              disabled={busy}
              autoFocus
            >
              {t('cancel')}
            </button>
            <form onSubmit={confirm}>
              <button
                type="submit"
                className={`${buttonStyles.danger} w-full`}
                disabled={busy}
                aria-busy={busy}
              >
                {busy ? t('confirming') : t('confirm')}
              </button>
            </form>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
