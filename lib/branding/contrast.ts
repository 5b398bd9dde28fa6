/** WCAG 2.x relative luminance and contrast, for deriving readable pairs from any tenant accent. */
type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function rgbToHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function mix(hex: string, toward: string, amount: number): string {
  const from = hexToRgb(hex);
  const to = hexToRgb(toward);
  return rgbToHex(from.map((channel, i) => channel + ((to[i] ?? channel) - channel) * amount) as Rgb);
}

/** The accent moved toward black or white just far enough to reach `ratio` against `background`. */
export function ensureContrast(accent: string, background: string, ratio = 4.5): string {
  if (contrastRatio(accent, background) >= ratio) return accent;
  const toward = luminance(background) > 0.5 ? '#000000' : '#ffffff';
  for (let step = 1; step <= 20; step += 1) {
    const candidate = mix(accent, toward, step / 20);
    if (contrastRatio(candidate, background) >= ratio) return candidate;
  }
  return toward;
}

/** Black or white text, whichever reads better on `background`. */
export function readableTextOn(background: string): string {
  return contrastRatio('#ffffff', background) >= contrastRatio('#111111', background) ? '#ffffff' : '#111111';
}
