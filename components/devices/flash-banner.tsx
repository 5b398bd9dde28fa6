import type { ReactNode } from 'react';

import type { FlashMessage } from '@/lib/portal/devices-flash';

/** A one-off message after a connect, disconnect or failure; announced politely to screen readers. */
export function FlashBanner({ flash, action }: { flash: FlashMessage | null; action?: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="empty:hidden">
      {flash ? (
        <div
          className={`mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg border px-4 py-3 text-sm font-medium ${
            flash.tone === 'success'
              ? 'border-[var(--success-text)] bg-[var(--success-bg)] text-[var(--success-text)]'
              : 'border-[var(--danger-text)] bg-[var(--danger-bg)] text-[var(--danger-text)]'
          }`}
        >
          <p>{flash.text}</p>
          {action}
        </div>
      ) : null}
    </div>
  );
}
