'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { decideSandbox } from '@/app/t/[host]/sandbox/authorize/actions';
import { FlashBanner } from './devices/flash-banner';
import { buttonStyles } from './ui/button-styles';

/** The simulated provider's three answers; the button pressed sends its own. */
const DECISIONS = [
  { value: 'allow', label: 'allow', style: buttonStyles.primary },
  { value: 'deny', label: 'deny', style: buttonStyles.secondary },
  { value: 'error', label: 'simulateError', style: buttonStyles.secondary },
] as const;

export function SandboxConsentForm({ state }: { state: string }) {
  const t = useTranslations('sandbox');
  const [result, action, pending] = useActionState(decideSandbox, null);
  return (
    <>
      <FlashBanner flash={result && !result.ok ? { tone: 'error', text: result.message } : null} />
      <form action={action} className="mt-6 flex flex-col gap-2">
        <input type="hidden" name="state" value={state} />
        {DECISIONS.map((decision) => (
          <button
            key={decision.value}
            type="submit"
            name="decision"
            value={decision.value}
            className={decision.style}
            disabled={pending}
          >
            {t(decision.label)}
          </button>
        ))}
      </form>
    </>
  );
}
