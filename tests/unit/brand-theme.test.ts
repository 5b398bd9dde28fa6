import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DARK_SURFACE, LIGHT_SURFACE, PALETTES, brandCss, brandTheme } from '@/lib/branding/brand-theme';
import { contrastRatio } from '@/lib/branding/contrast';
import { tenantBrand } from '@/lib/branding/tenant-brand';

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

describe('forced light and dark themes', () => {
  const theme = brandTheme('#ffff00');

  it('auto follows prefers-color-scheme; light and dark ignore it', () => {
    expect(brandCss(theme, 'auto')).toContain('@media (prefers-color-scheme: dark)');
    for (const mode of ['light', 'dark'] as const) {
      const css = brandCss(theme, mode);
      expect(css).not.toContain('@media');
      expect(css).toContain(`color-scheme:${mode};`);
      expect(css).toContain(`--accent:${theme[mode].accent};`);
      for (const [name, value] of Object.entries(PALETTES[mode]))
        expect(css).toContain(`--${name}:${value};`);
    }
  });

  it('gives standalone pages (no stylesheet) both palettes', () => {
    const css = brandCss(theme, 'auto', { standalone: true });
    expect(css).toContain(`--surface:${PALETTES.light.surface};`);
    expect(css).toContain(`--surface:${PALETTES.dark.surface};`);
  });

  it('keeps app/globals.css in step with the palettes', () => {
    const globals = fs.readFileSync(path.join(process.cwd(), 'app/globals.css'), 'utf8');
    const [light = '', dark = ''] = globals.split('@media (prefers-color-scheme: dark)');
    for (const [name, value] of Object.entries(PALETTES.light))
      expect(light).toContain(`--${name}: ${value};`);
    for (const [name, value] of Object.entries(PALETTES.dark)) expect(dark).toContain(`--${name}: ${value};`);
  });
});

describe('tenant brand', () => {
  const base: Parameters<typeof tenantBrand>[0] = {
    name: 'Acme Health',
    accentColor: '#0f766e',
    logoUrl: null,
    logoFileSha256: null,
    supportUrl: null,
    privacyUrl: null,
    showPoweredBy: true,
    theme: 'auto',
  };
  const brandOf = (overrides: Partial<typeof base>) => tenantBrand({ ...base, ...overrides });

  it('serves an uploaded logo from our origin, versioned by its hash', () => {
    const brand = brandOf({ logoFileSha256: 'ab'.repeat(32), logoUrl: 'https://cdn.acme.test/logo.png' });
    expect(brand.logoSrc).toBe(`/brand/logo?v=${'ab'.repeat(8)}`);
    expect(brand.isLogoLocal).toBe(true);
  });

  it('uses only https URLs, whatever the row holds', () => {
    const brand = brandOf({
      logoUrl: 'javascript:alert(1)',
      supportUrl: 'http://help.acme.test',
      privacyUrl: 'https://acme.test/privacy',
    });
    expect(brand).toMatchObject({ logoSrc: null, supportUrl: null, privacyUrl: 'https://acme.test/privacy' });
    expect(brandOf({ logoUrl: 'https://cdn.acme.test/logo.png' })).toMatchObject({
      logoSrc: 'https://cdn.acme.test/logo.png',
      isLogoLocal: false,
    });
  });

  it('carries the forced theme and the footer choice', () => {
    expect(brandOf({ theme: 'dark', showPoweredBy: false })).toMatchObject({
      mode: 'dark',
      showPoweredBy: false,
    });
  });
});
