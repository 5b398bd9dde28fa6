'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { decideSandbox } from '@/app/t/[host]/sandbox/authorize/actions';
import { FlashBanner } from './devices/flash-banner';
import { buttonStyles } from './ui/button-styles';

export function SandboxConsentForm({ state }: { state: string }) {
  const t = useTranslations('sandbox');
  const [result, action, pending] = useActionState(decideSandbox, null);
  return (
    <>
      <FlashBanner flash={result && !result.ok ? { tone: 'error', text: result.message } : null} />
      <form action={action} className="mt-6 flex flex-col gap-2 sm:flex-row">
        <input type="hidden" name="state" value={state} />
        <button
          type="submit"
          name="decision"
          value="allow"
          className={buttonStyles.primary}
          disabled={pending}
        >
          {t('allow')}
        </button>
        <button
          type="submit"
          name="decision"
          value="deny"
          className={buttonStyles.secondary}
          disabled={pending}
        >
          {t('deny')}
        </button>
        <button
          type="submit"
          name="decision"
          value="error"
          className={buttonStyles.secondary}
          disabled={pending}
        >
          {t('simulateError')}
        </button>
      </form>
    </>
  );
}
