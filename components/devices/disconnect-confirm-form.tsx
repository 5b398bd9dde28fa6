'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { disconnectDeviceAndReturn } from '@/app/t/[host]/devices/actions';
import { buttonStyles } from '../ui/button-styles';
import { FlashBanner } from './flash-banner';

/** The confirmation as a page (JavaScript off, or a disconnect link from the app). */
export function DisconnectConfirmForm({ connectionId }: { connectionId: string }) {
  const t = useTranslations('dialog');
  const [state, action, pending] = useActionState(disconnectDeviceAndReturn, null);
  return (
    <>
      <FlashBanner flash={state && !state.ok ? { tone: 'error', text: state.message } : null} />
      <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row">
        <a href="/devices" className={buttonStyles.secondary}>
          {t('cancel')}
        </a>
        <form action={action}>
          <input type="hidden" name="connection_id" value={connectionId} />
          <button type="submit" className={`${buttonStyles.danger} w-full`} disabled={pending}>
            {t('confirm')}
          </button>
        </form>
      </div>
    </>
  );
}
