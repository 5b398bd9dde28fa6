import { describe, expect, it } from 'vitest';
import { contrastRatio } from '@/lib/branding/contrast';
import { providerMarkColours } from '@/lib/branding/provider-mark';
import { PROVIDERS } from '@/lib/connections/provider-catalogue';

// The cards the marks sit on (app/globals.css --surface, light and dark).
const LIGHT_CARD = '#ffffff';
const DARK_CARD = '#0b1120';

describe('provider marks (SPEC §13, WCAG 1.4.11)', () => {
  it.each(PROVIDERS.map((p) => [p.name, p.color] as const))(
    '%s keeps 3:1 against its card in light and dark, and its white initials 4.5:1',
    (_name, colour) => {
      const mark = providerMarkColours(colour);
      expect(contrastRatio(mark.light, LIGHT_CARD)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(mark.dark, DARK_CARD)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio('#ffffff', mark.light)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio('#ffffff', mark.dark)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it("keeps a brand colour that already stands out, and lightens Whoop's near-black on a dark card", () => {
    // #111111 on #0b1120 is 1.00:1. Mixed 35 % toward white it is #646464: luminance 0.1273 against
    // 0.00577 for the card, (0.1273 + 0.05) / (0.00577 + 0.05) = 3.18 (worked by hand).
    expect(providerMarkColours('#111111')).toEqual({ light: '#111111', dark: '#646464' });
    expect(contrastRatio('#646464', DARK_CARD)).toBeCloseTo(3.18, 2);
    // Fitbit's teal is 4.16:1 on the dark card already.
    expect(providerMarkColours('#00838f')).toEqual({ light: '#00838f', dark: '#00838f' });
  });
});
