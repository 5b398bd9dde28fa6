import type { ReactNode, Ref } from 'react';

import type { FlashMessage } from '@/lib/portal/devices-flash';

/**
 * A one-off message after a connect, disconnect or failure; announced politely to screen readers.
 * Focusable from script (`ref`), so focus can land on it when the control that acted is gone.
 */
export function FlashBanner({
  flash,
  action,
  ref,
  dismiss,
}: {
  flash: FlashMessage | null;
  action?: ReactNode;
  ref?: Ref<HTMLDivElement>;
  /** The dismiss button: its accessible name and what it does. */
  dismiss?: { label: string; onDismiss: () => void };
}) {
  return (
    <div ref={ref} tabIndex={-1} role="status" aria-live="polite" className="empty:hidden focus:outline-none">
      {flash ? (
        <div
          className={`mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg border px-4 py-3 text-sm font-medium ${
            flash.tone === 'success'
              ? 'border-[var(--success-text)] bg-[var(--success-bg)] text-[var(--success-text)]'
              : 'border-[var(--danger-text)] bg-[var(--danger-bg)] text-[var(--danger-text)]'
          }`}
        >
          <p className="min-w-0 flex-1">{flash.text}</p>
          {action}
          {dismiss ? (
            <button
              type="button"
              onClick={dismiss.onDismiss}
              aria-label={dismiss.label}
              className="-my-1 rounded-md px-2 py-1 text-lg leading-none hover:bg-black/5 focus-visible:outline-2 focus-visible:outline-current"
            >
              <span aria-hidden="true">×</span>
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
