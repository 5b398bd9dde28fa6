'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { connectDevice } from '@/app/t/[host]/devices/actions';
import { buttonStyles } from '../ui/button-styles';
import { FlashBanner } from './flash-banner';

/**
 * One "Connect/Reconnect {Provider}" button that works with and without JavaScript. `again` names a
 * new connection for a provider the user disconnected ("Connect {Provider} again").
 */
export function ConnectForm({
  provider,
  providerName,
  connectionId,
  again = false,
}: {
  provider: string;
  providerName: string;
  connectionId?: string;
  again?: boolean;
}) {
  const t = useTranslations('devices');
  const [state, action, pending] = useActionState(connectDevice, null);
  return (
    <>
      <FlashBanner flash={state && !state.ok ? { tone: 'error', text: state.message } : null} />
      <form action={action}>
        <input type="hidden" name="provider" value={provider} />
        {connectionId ? <input type="hidden" name="connection_id" value={connectionId} /> : null}
        <button type="submit" className={buttonStyles.primary} disabled={pending}>
          {t(connectionId ? 'reconnectProvider' : again ? 'connectProviderAgain' : 'connectProvider', {
            provider: providerName,
          })}
        </button>
      </form>
    </>
  );
}
