import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { SecretDecryptionError, decryptSecret, encryptSecret } from '@/lib/security/secret-box';

vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');

const key = 'k'.repeat(43);
const binding = { table: 'webhook_endpoints', column: 'secret', tenantId: 'ten_a', rowId: 'whe_1' };

/*
 * The stored format, written out independently of lib/security/secret-box.ts: AES-256-GCM with a key
 * from HKDF-SHA256(root key, salt "connections-portal", info "secret-box v1"), the JSON array
 * [table, column, tenant id, row id] as associated data, and "v1.<iv>.<ciphertext>.<tag>" in base64url.
 * Secrets already stored must keep decrypting, so the format is pinned.
 */
function sealByHand(plaintext: string, aad: string[], rootKey: string, iv: Buffer): string {
  const derived = Buffer.from(hkdfSync('sha256', rootKey, 'connections-portal', 'secret-box v1', 32));
  const cipher = createCipheriv('aes-256-gcm', derived, iv);
  cipher.setAAD(Buffer.from(JSON.stringify(aad)));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

function openByHand(sealed: string, aad: string[], rootKey: string): string {
  const [, iv = '', body = '', tag = ''] = sealed.split('.');
  const derived = Buffer.from(hkdfSync('sha256', rootKey, 'connections-portal', 'secret-box v1', 32));
  const decipher = createDecipheriv('aes-256-gcm', derived, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(JSON.stringify(aad)));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

const aad = ['webhook_endpoints', 'secret', 'ten_a', 'whe_1'];

describe('secret box storage format', () => {
  it('decrypts a value sealed by hand in the documented format', () => {
    const sealed = sealByHand('whsec_abc', aad, key, Buffer.alloc(12, 7));
    expect(decryptSecret(sealed, binding, key)).toBe('whsec_abc');
  });

  it('writes v1.<12-byte iv>.<ciphertext>.<16-byte tag> that opens by hand with the row in the AAD', () => {
    const sealed = encryptSecret('whsec_abc', binding, key);
    const [version, iv = '', body = '', tag = ''] = sealed.split('.');
    expect(version).toBe('v1');
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(body, 'base64url')).toHaveLength('whsec_abc'.length);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(openByHand(sealed, aad, key)).toBe('whsec_abc');
    expect(() => openByHand(sealed, ['webhook_endpoints', 'secret', 'ten_a', 'whe_2'], key)).toThrow();
  });

  it('uses a fresh iv every time', () => {
    expect(encryptSecret('same', binding, key)).not.toBe(encryptSecret('same', binding, key));
  });

  it('refuses a value copied to another row of the same tenant, table and column', () => {
    const sealed = encryptSecret('whsec_abc', binding, key);
    expect(() => decryptSecret(sealed, { ...binding, rowId: 'whe_2' }, key)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(sealed, { ...binding, tenantId: 'ten_b' }, key)).toThrow(
      SecretDecryptionError,
    );
  });

  it('names the column, never the value, when a secret does not decrypt', () => {
    const sealed = encryptSecret('whsec_abc', binding, key);
    let caught: unknown;
    try {
      decryptSecret(sealed, { ...binding, rowId: 'whe_2' }, key);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SecretDecryptionError);
    expect((caught as Error).name).toBe('SecretDecryptionError');
    expect((caught as Error).message).toBe(
      'Secret for webhook_endpoints.secret does not decrypt for this row',
    );
  });

  it.each([
    ['another version', (s: string) => s.replace(/^v1\./, 'v2.')],
    ['no tag', (s: string) => s.split('.').slice(0, 3).join('.')],
    ['an empty tag', (s: string) => `${s.split('.').slice(0, 3).join('.')}.`],
    [
      'an empty iv',
      (s: string) =>
        s
          .split('.')
          .map((part, i) => (i === 1 ? '' : part))
          .join('.'),
    ],
    [
      'an empty body',
      (s: string) =>
        s
          .split('.')
          .map((part, i) => (i === 2 ? '' : part))
          .join('.'),
    ],
    ['plain text', () => 'whsec_abc'],
  ])('refuses %s as an unknown format', (_what, change) => {
    const sealed = change(encryptSecret('whsec_abc', binding, key));
    expect(() => decryptSecret(sealed, binding, key)).toThrow(
      new SecretDecryptionError('Unknown secret format'),
    );
  });

  it('uses PORTAL_ENCRYPTION_KEY when no key is passed', () => {
    const sealed = encryptSecret('whsec_abc', binding);
    expect(decryptSecret(sealed, binding)).toBe('whsec_abc');
    expect(decryptSecret(sealed, binding, 'unit-test-key-0123456789abcdef012345')).toBe('whsec_abc');
    expect(() => decryptSecret(sealed, binding, key)).toThrow(SecretDecryptionError);
  });
});
