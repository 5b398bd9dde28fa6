import { describe, expect, it } from 'vitest';
import { DARK_SURFACE, LIGHT_SURFACE, brandCss, brandTheme } from '@/lib/branding/brand-theme';
import { contrastRatio } from '@/lib/branding/contrast';

describe('brand theme', () => {
  it.each(['#ffff00', '#111111', '#0f766e', '#ffffff', '#000000', '#7c3aed', '#ff0000'])(
    '%s meets AA in both schemes',
    (accent) => {
      const theme = brandTheme(accent);
      for (const [scheme, surface] of [
        [theme.light, LIGHT_SURFACE],
        [theme.dark, DARK_SURFACE],
      ] as const) {
        expect(contrastRatio(scheme.accent, scheme.onAccent)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(scheme.accentText, surface)).toBeGreaterThanOrEqual(4.5);
      }
    },
  );

  it('never puts raw input into CSS', () => {
    const css = brandCss(brandTheme('red;background:url(//evil)'));
    expect(css).not.toContain('evil');
    expect(css).toMatch(/^:root\{--accent:#[0-9a-f]{6};/);
  });
});
