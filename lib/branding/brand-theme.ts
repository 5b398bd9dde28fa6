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

/** Colour pairs that meet WCAG AA in both schemes, whatever accent the tenant picked. */
export function brandTheme(accentHex: string): BrandTheme {
  const accent = /^#[0-9a-f]{6}$/i.test(accentHex) ? accentHex.toLowerCase() : '#0f766e';
  return { light: schemeColours(accent, LIGHT_SURFACE), dark: schemeColours(accent, DARK_SURFACE) };
}

function declarations(colours: SchemeColours): string {
  return `--accent:${colours.accent};--on-accent:${colours.onAccent};--accent-text:${colours.accentText};`;
}

/** CSS built only from the hex values computed above, never from raw tenant input. */
export function brandCss(theme: BrandTheme): string {
  return `:root{${declarations(theme.light)}}@media (prefers-color-scheme: dark){:root{${declarations(theme.dark)}}}`;
}
