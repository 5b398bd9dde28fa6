'use client';

import { useActionState } from 'react';
import { signOut } from '@/app/t/[host]/session-actions';

export function SignOutButton() {
  const [, action, pending] = useActionState(signOut, null);
  return (
    <form action={action}>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md px-3 py-2 text-sm font-medium text-[var(--text-muted)] underline-offset-4 hover:underline disabled:opacity-60"
      >
        Sign out
      </button>
    </form>
  );
}
