import type { ReactNode } from 'react';
import { SignOutButton } from './sign-out-button';

type PortalShellProps = {
  tenantName: string;
  returnUrl?: string | null;
  signedIn?: boolean;
  /** Shown as "Signed in as …" when the link carried a label. */
  userLabel?: string | null;
  children: ReactNode;
};

/** The frame of every portal page: tenant brand, way back to the tenant's app, sign-out. */
export function PortalShell({
  tenantName,
  returnUrl,
  signedIn = false,
  userLabel,
  children,
}: PortalShellProps) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-[var(--border)] bg-[var(--surface)]">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
          <p className="text-lg font-semibold text-[var(--accent-text)]">{tenantName}</p>
          <nav aria-label="Account" className="flex items-center gap-2">
            {signedIn && userLabel ? (
              <span className="hidden text-sm text-[var(--text-muted)] sm:inline">
                Signed in as {userLabel}
              </span>
            ) : null}
            {returnUrl ? (
              <a
                href={returnUrl}
                className="rounded-md px-3 py-2 text-sm font-medium text-[var(--accent-text)] underline-offset-4 hover:underline"
              >
                Back to {tenantName}
              </a>
            ) : null}
            {signedIn ? <SignOutButton /> : null}
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-8">{children}</main>
    </div>
  );
}
