import { createHash, timingSafeEqual } from 'node:crypto';

/** The one SHA-256 helper: tokens, keys and states are stored as this, logos are tagged with it. */
export function sha256Hex(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The same digest in base64, as a CSP script hash is written. */
export function sha256Base64(value: string): string {
  return createHash('sha256').update(value).digest('base64');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
