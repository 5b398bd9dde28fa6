import { contrastRatio, ensureContrast, readableTextOn } from './contrast';

export const LIGHT_SURFACE = '#ffffff';
export const DARK_SURFACE = '#0b1120';

export type SchemeColours = { accent: string; onAccent: string; accentText: string };
export type BrandTheme = { light: SchemeColours; dark: SchemeColours };

function schemeColours(accent: string, surface: string): SchemeColours {
  // A button is accent-filled with black or white text; if neither reaches 4.5:1, the fill is adjusted.
  let fill = accent;
  if (contrastRatio(fill, readableTextOn(fill)) < 4.5) fill = ensureContrast(fill, readableTextOn(fill));
  return { accent: fill, onAccent: readableTextOn(fill), accentText: ensureContrast(accent, surface) };
}

// Every tenant page derives the theme from the accent; the contrast search behind it showed as ~4% of
// the bytes /devices allocates (`npm run bench`), so each accent's theme is worked out once.
const themes = new Map<string, BrandTheme>();
const MAX_THEMES = 10_000;

/** Colour pairs that meet WCAG AA in both schemes, whatever accent the tenant picked. */
export function brandTheme(accentHex: string): BrandTheme {
  const accent = /^#[0-9a-f]{6}$/i.test(accentHex) ? accentHex.toLowerCase() : '#0f766e';
  const known = themes.get(accent);
  if (known) return known;
  const theme = { light: schemeColours(accent, LIGHT_SURFACE), dark: schemeColours(accent, DARK_SURFACE) };
  if (themes.size >= MAX_THEMES) themes.clear();
  themes.set(accent, theme);
  return theme;
}

/** The neutral colours of each scheme; app/globals.css holds the same values for pages without a tenant. */
export const PALETTES = {
  light: {
    surface: '#ffffff',
    'surface-muted': '#f4f5f7',
    text: '#111827',
    'text-muted': '#4b5563',
    border: '#d1d5db',
    'success-bg': '#dcfce7',
    'success-text': '#166534',
    'warning-bg': '#fef3c7',
    'warning-text': '#92400e',
    'danger-bg': '#fee2e2',
    'danger-text': '#b91c1c',
  },
  dark: {
    surface: DARK_SURFACE,
    // The page is darker than its cards, as in the light scheme the cards stand out white.
    'surface-muted': '#030712',
    text: '#f3f4f6',
    'text-muted': '#cbd5e1',
    border: '#374151',
    'success-bg': '#14532d',
    'success-text': '#dcfce7',
    'warning-bg': '#78350f',
    'warning-text': '#fef3c7',
    'danger-bg': '#7f1d1d',
    'danger-text': '#fecaca',
  },
} as const;

export type ThemeMode = 'auto' | 'light' | 'dark';
type Scheme = keyof typeof PALETTES;

function declarations(colours: SchemeColours, scheme: Scheme | null): string {
  const accent = `--accent:${colours.accent};--on-accent:${colours.onAccent};--accent-text:${colours.accentText};`;
  if (!scheme) return accent;
  const palette = Object.entries(PALETTES[scheme])
    .map(([name, value]) => `--${name}:${value};`)
    .join('');
  return `${accent}color-scheme:${scheme};${palette}`;
}

/**
 * CSS built only from the hex values computed above and the fixed palettes, never from raw tenant
 * input. `auto` follows prefers-color-scheme; `light`/`dark` force one scheme whatever the device says.
 * `standalone` pages (the magic-link pages) load no stylesheet, so they get the palettes too.
 */
export function brandCss(
  theme: BrandTheme,
  mode: ThemeMode = 'auto',
  options: { standalone?: boolean } = {},
): string {
  if (mode === 'light' || mode === 'dark') return `:root{${declarations(theme[mode], mode)}}`;
  const light = declarations(theme.light, options.standalone ? 'light' : null);
  const dark = declarations(theme.dark, options.standalone ? 'dark' : null);
  return `:root{${light}}@media (prefers-color-scheme: dark){:root{${dark}}}`;
}
