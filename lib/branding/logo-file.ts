import { sha256Hex } from '@/lib/security/hash';
import { SvgRefusedError, sanitiseSvg } from './sanitise-svg';

export const MAX_LOGO_BYTES = 256 * 1024;

export type LogoContentType = 'image/png' | 'image/svg+xml' | 'image/webp';
/** A logo ready to store: its type decided from its bytes (never a file name), SVGs already sanitised. */
export type LogoFile = { contentType: LogoContentType; data: Buffer; sha256: string; removed: string[] };

export class LogoFileError extends Error {}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

function isWebp(bytes: Buffer): boolean {
  return (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  );
}

function looksLikeSvg(bytes: Buffer): boolean {
  const start = bytes
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return start.startsWith('<') && /<svg[\s>]/i.test(bytes.toString('utf8'));
}

/** Checks an uploaded logo: PNG, WebP or SVG, at most 256 KiB; an SVG is rebuilt from an allow-list. */
export function inspectLogoFile(input: Uint8Array): LogoFile {
  const bytes = Buffer.from(input);
  if (bytes.length === 0) throw new LogoFileError('is empty');
  if (bytes.length > MAX_LOGO_BYTES) throw new LogoFileError('must be at most 256 KiB');
  if (isPng(bytes)) return { contentType: 'image/png', data: bytes, sha256: sha256Hex(bytes), removed: [] };
  if (isWebp(bytes)) return { contentType: 'image/webp', data: bytes, sha256: sha256Hex(bytes), removed: [] };
  if (!looksLikeSvg(bytes)) throw new LogoFileError('must be a PNG, WebP or SVG image');
  try {
    const { svg, removed } = sanitiseSvg(bytes.toString('utf8'));
    const data = Buffer.from(svg, 'utf8');
    return { contentType: 'image/svg+xml', data, sha256: sha256Hex(data), removed };
  } catch (error) {
    if (error instanceof SvgRefusedError) throw new LogoFileError(`is not a usable SVG: ${error.message}`);
    throw error;
  }
}
