'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef } from 'react';
import type { DeviceView } from '@/lib/connections/connection-row';
import { buttonStyles } from '../ui/button-styles';

type Props = {
  device: DeviceView | null;
  onConfirm: (device: DeviceView) => void;
  onClose: () => void;
};

/** Native <dialog>: focus is trapped and restored by the browser, Escape closes it. */
// The dialog exists only with JavaScript; without it the row's link opens the confirmation page.
export function DisconnectDialog({ device, onConfirm, onClose }: Props) {
  const t = useTranslations('dialog');
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (device && !element.open) element.showModal();
    if (!device && element.open) element.close();
  }, [device]);
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (device) onConfirm(device);
  };
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="disconnect-title"
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-xl bg-[var(--surface)] p-6 text-[var(--text)] shadow-xl backdrop:bg-black/50"
    >
      {device ? (
        <>
          <h2 id="disconnect-title" className="text-lg font-semibold">
            {t('title', { provider: device.providerName })}
          </h2>
          <p className="mt-2 text-sm text-[var(--text-muted)]">
            {t('text', { provider: device.providerName })}
          </p>
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <button type="button" className={buttonStyles.secondary} onClick={onClose} autoFocus>
              {t('cancel')}
            </button>
            <form onSubmit={confirm}>
              <button type="submit" className={`${buttonStyles.danger} w-full`}>
                {t('confirm')}
              </button>
            </form>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
