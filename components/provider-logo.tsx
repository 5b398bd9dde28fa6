/** Our own drawing of a provider mark (no third-party logo files): its initials on its brand colour. */
export function ProviderLogo({ name, color, size = 40 }: { name: string; color: string; size?: number }) {
  const initials = name
    .split(/\s+/)
    .map((word) => word.charAt(0))
    .join('')
    .slice(0, 2)
    .toUpperCase();
  // One element rather than an SVG of three: the devices page draws one per provider.
  return (
    <span
      aria-hidden="true"
      className="provider-logo"
      style={{
        width: size,
        height: size,
        fontSize: Math.round(size * 0.35),
        backgroundColor: /^#[0-9a-f]{6}$/i.test(color) ? color : '#475569',
      }}
    >
      {initials}
    </span>
  );
}
