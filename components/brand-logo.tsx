import type { TenantBrand } from '@/lib/branding/tenant-brand';

/** The tenant's logo (alt text = its name), or its name in the accent colour when it has none. */
export function BrandLogo({ brand }: { brand: TenantBrand }) {
  if (!brand.logoSrc)
    return (
      <span className="block max-w-[9rem] truncate text-lg font-semibold text-[var(--accent-text)] sm:max-w-[16rem]">
        {brand.name}
      </span>
    );
  return (
    // A plain <img>: next/image would make our server fetch the tenant's remote URL.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={brand.logoSrc}
      alt={brand.name}
      height={32}
      referrerPolicy="no-referrer"
      decoding="async"
      className="h-8 w-auto max-w-[10rem] object-contain"
    />
  );
}
