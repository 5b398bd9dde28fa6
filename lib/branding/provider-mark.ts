import { DARK_SURFACE, LIGHT_SURFACE } from './brand-theme';
import { ensureContrast } from './contrast';

/** WCAG 1.4.11 (non-text contrast): a provider mark stands out from the card it sits on by 3:1. */
export const MARK_CONTRAST = 3;

/**
 * A provider's tile colour on a light and on a dark card: its brand colour where that already stands
 * out, else the nearest shade that does (Whoop's near-black vanishes on a dark card otherwise).
 */
export function providerMarkColours(brandColour: string): { light: string; dark: string } {
  return {
    light: ensureContrast(brandColour, LIGHT_SURFACE, MARK_CONTRAST),
    dark: ensureContrast(brandColour, DARK_SURFACE, MARK_CONTRAST),
  };
}
