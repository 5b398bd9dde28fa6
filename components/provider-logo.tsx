import { providerMarkColours } from '@/lib/branding/provider-mark';

/**
 * Our own drawing of a provider mark (no third-party logo files): its initials on its brand colour,
 * shaded per colour scheme so the tile keeps 3:1 against the card (light-dark() follows the page's
 * color-scheme, which a tenant's forced theme sets too).
 */
export function ProviderLogo({ name, color, size = 40 }: { name: string; color: string; size?: number }) {
  const initials = name
    .split(/\s+/)
    .map((word) => word.charAt(0))
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const mark = providerMarkColours(/^#[0-9a-f]{6}$/i.test(color) ? color : '#475569');
  // One element rather than an SVG of three: the devices page draws one per provider.
  return (
    <span
      aria-hidden="true"
      className="provider-logo"
      style={{
        width: size,
        height: size,
        fontSize: Math.round(size * 0.35),
        backgroundColor: `light-dark(${mark.light}, ${mark.dark})`,
      }}
    >
      {initials}
    </span>
  );
}
