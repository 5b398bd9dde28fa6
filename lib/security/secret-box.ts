import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { getEnv } from '@/lib/env';

/** Where a ciphertext lives; it decrypts only there, so a value copied to another row or tenant fails. */
export type SecretBinding = { table: string; column: string; tenantId: string; rowId: string };

const VERSION = 'v1';

function deriveKey(rootKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', rootKey, 'connections-portal', 'secret-box v1', 32));
}

function associatedData(binding: SecretBinding): Buffer {
  return Buffer.from(JSON.stringify([binding.table, binding.column, binding.tenantId, binding.rowId]));
}

export function encryptSecret(
  plaintext: string,
  binding: SecretBinding,
  rootKey = getEnv().PORTAL_ENCRYPTION_KEY,
): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(rootKey), iv);
  cipher.setAAD(associatedData(binding));
  // Stryker disable next-line StringLiteral: Node reads a string with an empty encoding as UTF-8, the same bytes
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    VERSION,
    iv.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError';
}

export function decryptSecret(
  ciphertext: string,
  binding: SecretBinding,
  rootKey = getEnv().PORTAL_ENCRYPTION_KEY,
): string {
  const [version, iv, body, tag] = ciphertext.split('.');
  if (version !== VERSION || !iv || !body || !tag) throw new SecretDecryptionError('Unknown secret format');
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(rootKey), Buffer.from(iv, 'base64url'));
    decipher.setAAD(associatedData(binding));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SecretDecryptionError(
      `Secret for ${binding.table}.${binding.column} does not decrypt for this row`,
    );
  }
}
