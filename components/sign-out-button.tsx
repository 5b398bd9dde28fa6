import { signOut } from '@/app/t/[host]/session-actions';

export function SignOutButton({ label }: { label: string }) {
  return (
    <form action={signOut} className="shrink-0">
      <button
        type="submit"
        className="whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-[var(--text-muted)] underline-offset-4 hover:underline"
      >
        {label}
      </button>
    </form>
  );
}
