import { signOut } from '@/app/t/[host]/session-actions';

export function SignOutButton({ label }: { label: string }) {
  return (
    <form action={signOut}>
      <button
        type="submit"
        className="rounded-md px-3 py-2 text-sm font-medium text-[var(--text-muted)] underline-offset-4 hover:underline"
      >
        {label}
      </button>
    </form>
  );
}
