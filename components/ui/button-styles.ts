/** Class names for the portal's buttons; colours come from the tenant's contrast-checked CSS variables. */
const base =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-semibold transition disabled:cursor-not-allowed disabled:opacity-60';

export const buttonStyles = {
  primary: `${base} bg-[var(--accent)] text-[var(--on-accent)] hover:brightness-110`,
  secondary: `${base} border border-[var(--border)] bg-[var(--surface)] text-[var(--text)] hover:bg-[var(--surface-muted)]`,
  danger: `${base} bg-[#b91c1c] text-white hover:bg-[#991b1b]`,
  dangerOutline: `${base} border border-[#b91c1c] bg-[var(--surface)] text-[var(--danger-text)] hover:bg-[var(--surface-muted)]`,
} as const;
