import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { LogoFileError, MAX_LOGO_BYTES, inspectLogoFile } from '@/lib/branding/logo-file';
import { SvgRefusedError, sanitiseSvg } from '@/lib/branding/sanitise-svg';
import { HOSTILE_LOGO_SVG, NORTHWIND_LOGO_SVG, contosoLogoPng } from '../support/brand-assets';

describe('SVG logo sanitiser', () => {
  const { svg, removed } = sanitiseSvg(HOSTILE_LOGO_SVG);

  it('removes scripts, event handlers, foreignObject, links, images and animation', () => {
    expect(svg).not.toMatch(/<script|<foreignObject|<iframe|<image|<a[\s>]|<set/i);
    expect(svg).not.toMatch(/\son\w+=/i);
    expect(svg).not.toContain('alert');
    expect(svg).not.toContain('javascript:');
    expect(removed).toEqual(
      expect.arrayContaining([
        'element <script>',
        'element <foreignObject>',
        'element <image>',
        'element <a>',
        'element <set>',
        'attribute onload',
        'attribute onclick',
        'external reference',
        'external reference in style',
      ]),
    );
  });

  it('removes every reference outside the file, in attributes, href and CSS', () => {
    expect(svg).not.toContain('evil.test');
    expect(svg).not.toMatch(/url\((?!#)/);
  });

  it('keeps the drawing, and references to ids in the same file', () => {
    expect(svg).toContain('<rect width="40" height="40" rx="8" fill="#be123c">');
    const local = sanitiseSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="stroke:url(\'#g\')"/><use xlink:href="#g"/></svg>',
    );
    expect(local.removed).toEqual([]);
    expect(local.svg).toContain('fill="url(#g)"');
    expect(local.svg).toContain('xlink:href="#g"');
    expect(local.svg).toContain('xmlns:xlink="http://www.w3.org/1999/xlink"');
  });

  it('outputs well-formed SVG that re-sanitises to itself', () => {
    const document = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(document.documentElement?.localName).toBe('svg');
    expect(sanitiseSvg(svg)).toEqual({ svg, removed: [] });
  });

  it.each([
    [
      'a DTD with entities',
      '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    ],
    ['HTML', '<html><body><svg></svg></body></html>'],
    ['broken XML', '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>'],
  ])('refuses %s', (_what, source) => {
    expect(() => sanitiseSvg(source)).toThrow(SvgRefusedError);
  });
});

describe('uploaded logo files', () => {
  it('takes the type from the bytes: PNG, WebP, SVG', () => {
    expect(inspectLogoFile(contosoLogoPng()).contentType).toBe('image/png');
    const webp = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.alloc(4),
      Buffer.from('WEBPVP8 '),
      Buffer.alloc(20),
    ]);
    expect(inspectLogoFile(webp).contentType).toBe('image/webp');
    const svg = inspectLogoFile(Buffer.from(NORTHWIND_LOGO_SVG));
    expect(svg.contentType).toBe('image/svg+xml');
    expect(svg.data.toString()).toContain('Northwind');
    expect(svg.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores the sanitised SVG, not the upload', () => {
    const logo = inspectLogoFile(Buffer.from(HOSTILE_LOGO_SVG));
    expect(logo.data.toString()).not.toContain('script');
    expect(logo.removed.length).toBeGreaterThan(0);
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['a file over 256 KiB', Buffer.concat([contosoLogoPng(), Buffer.alloc(MAX_LOGO_BYTES)])],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
  ])('refuses %s', (_what, bytes) => {
    expect(() => inspectLogoFile(bytes)).toThrow(LogoFileError);
  });
});
