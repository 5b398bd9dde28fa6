import { describe, expect, it } from 'vitest';
import { contrastRatio, ensureContrast, hexToRgb, readableTextOn } from '@/lib/branding/contrast';

/*
 * Every expected value here was worked out from the WCAG 2.x definitions (sRGB linearisation with the
 * 0.03928 knee, luminance 0.2126 R + 0.7152 G + 0.0722 B, ratio (L1 + 0.05) / (L2 + 0.05)), never by
 * calling the code under test.
 */
describe('WCAG contrast ratio', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#000000', 21],
    ['#ffffff', '#ffffff', 1],
    ['#777777', '#ffffff', 4.478],
    ['#767676', '#ffffff', 4.542],
    ['#808080', '#ffffff', 3.949],
    ['#123456', '#fedcba', 9.787],
  ])('%s on %s is %s:1', (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 3);
  });

  // Greys weigh every channel the same; pure channels show each weight on its own.
  it.each([
    ['#ff0000', '#ffffff', 3.998],
    ['#00ff00', '#000000', 15.304],
    ['#0000ff', '#ffffff', 8.592],
  ])('weighs the channel of %s by its own coefficient', (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 3);
  });

  it('uses the linear segment for very dark channels', () => {
    // 5/255 = 0.0196 is below the knee: 0.0196 / 12.92 = 0.001518, so (0.051518 / 0.05).
    expect(contrastRatio('#050505', '#000000')).toBeCloseTo(1.0304, 4);
    expect(contrastRatio('#0a0a0a', '#000000')).toBeCloseTo(1.0607, 4);
  });

  it('reads the channels from a hex colour', () => {
    expect(hexToRgb('#0a141e')).toEqual([10, 20, 30]);
    expect(hexToRgb('#ff8001')).toEqual([255, 128, 1]);
    expect(hexToRgb('abcdef')).toEqual([171, 205, 239]);
  });
});

describe('ensureContrast', () => {
  it('keeps an accent that already reaches the ratio', () => {
    expect(ensureContrast('#0f766e', '#ffffff')).toBe('#0f766e');
    expect(ensureContrast('#767676', '#ffffff')).toBe('#767676');
    expect(ensureContrast('#7f7f7f', '#ffffff', 3)).toBe('#7f7f7f');
    // Exactly the ratio asked for is enough: white on white is 1:1.
    expect(ensureContrast('#ffffff', '#ffffff', 1)).toBe('#ffffff');
  });

  it('darkens toward black on a light background in twentieths, just far enough for 4.5:1', () => {
    // #777777 is 4.478:1 on white; one step (119 → 113) gives #717171.
    expect(ensureContrast('#777777', '#ffffff')).toBe('#717171');
    expect(ensureContrast('#ff0000', '#ffffff')).toBe('#e60000');
    expect(ensureContrast('#ffff00', '#ffffff')).toBe('#737300');
    expect(ensureContrast('#777777', '#ffffff', 7)).toBe('#595959');
  });

  it('lightens toward white on a dark background', () => {
    expect(ensureContrast('#333333', '#000000')).toBe('#7a7a7a');
  });

  it('picks the direction by the background luminance, either side of 0.5', () => {
    // #bcbcbc has luminance 0.503 (toward black); #bbbbbb 0.497 (toward white, which cannot reach 2:1).
    expect(ensureContrast('#bcbcbc', '#bcbcbc', 2)).toBe('#7a7a7a');
    expect(ensureContrast('#bbbbbb', '#bbbbbb', 2)).toBe('#ffffff');
  });

  it('ends at black or white when no step reaches the ratio', () => {
    expect(ensureContrast('#ffffff', '#ffffff', 21)).toBe('#000000');
    expect(ensureContrast('#000000', '#000000', 22)).toBe('#ffffff');
    expect(ensureContrast('#ffffff', '#ffffff', 22)).toBe('#000000');
  });
});

describe('readableTextOn', () => {
  it.each([
    ['#000000', '#ffffff'],
    ['#0000ff', '#ffffff'],
    ['#777777', '#ffffff'], // 4.48 against 4.22 for #111111
    ['#808080', '#111111'], // 3.95 against 4.78
    ['#ff0000', '#111111'],
    ['#ffffff', '#111111'],
  ])('on %s is %s', (background, text) => {
    expect(readableTextOn(background)).toBe(text);
  });
});
