import { randomBytes } from 'node:crypto';

/** A random public id with a type prefix, e.g. `conn_3kq…`: 96 bits, URL-safe. */
export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** A secret token: 256 bits from the CSPRNG, base64url (43 characters). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
