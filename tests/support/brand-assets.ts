import zlib from 'node:zlib';

type Rgba = [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small RGBA PNG painted pixel by pixel, so tests need no binary fixtures. */
export function paintPng(width: number, height: number, paint: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) rows.set(paint(x, y), y * (width * 4 + 1) + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Contoso's mark: a blue rounded badge with three white bars (a PNG upload). */
export function contosoLogoPng(): Buffer {
  return paintPng(120, 40, (x, y) => {
    const inBadge = x >= 2 && x < 38 && y >= 2 && y < 38;
    const isBar = inBadge && x >= 10 && x < 30 && [10, 18, 26].some((top) => y >= top && y < top + 4);
    if (isBar) return [255, 255, 255, 255];
    if (inBadge) return [29, 78, 216, 255];
    const inWordmark = x >= 46 && x < 116 && y >= 14 && y < 26;
    return inWordmark ? [96, 165, 250, 255] : [0, 0, 0, 0];
  });
}

/** Northwind's mark: an amber mountain and its name (an SVG upload). */
export const NORTHWIND_LOGO_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" width="200" height="40">
  <title>Northwind Wellness</title>
  <path d="M2 36 L16 8 L24 22 L30 14 L42 36 Z" fill="#b45309"/>
  <text x="50" y="27" font-family="Georgia, serif" font-size="18" font-weight="700" fill="#92400e">Northwind</text>
</svg>`;

/** Everything an SVG logo must not do: script, handlers, foreign HTML, fetches, links. */
export const HOSTILE_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 40 40" width="40" height="40" onload="alert('onload')">
  <script>alert('script')</script>
  <style>rect{fill:url(https://evil.test/style.svg#p)}</style>
  <rect width="40" height="40" rx="8" fill="#be123c" onclick="alert('click')" style="filter:url(https://evil.test/f.svg#f)"/>
  <image href="https://evil.test/pixel.png" width="1" height="1"/>
  <use xlink:href="https://evil.test/sprite.svg#icon"/>
  <foreignObject width="40" height="40"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.test/"></iframe></foreignObject>
  <a href="javascript:alert('link')"><text x="8" y="26" fill="#ffffff">X</text></a>
  <set attributeName="fill" to="url(https://evil.test/anim.svg#a)"/>
</svg>`;
