import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from '@/lib/security/secret-box';

const key = 'k'.repeat(43);
const binding = { table: 'tenants', column: 'source_config.apiKey', tenantId: 'ten_a', rowId: 'ten_a' };

describe('secret box (AES-256-GCM bound to its row)', () => {
  it('round-trips and never contains the plaintext', () => {
    const sealed = encryptSecret('terra-api-key-123', binding, key);
    expect(sealed).not.toContain('terra-api-key-123');
    expect(decryptSecret(sealed, binding, key)).toBe('terra-api-key-123');
  });

  it('refuses a ciphertext copied to another tenant, row or column', () => {
    const sealed = encryptSecret('secret', binding, key);
    for (const other of [
      { tenantId: 'ten_b', rowId: 'ten_b' },
      { column: 'source_config.webhookSecret' },
      { table: 'webhook_endpoints' },
    ]) {
      expect(() => decryptSecret(sealed, { ...binding, ...other }, key)).toThrow(/does not decrypt/);
    }
  });

  it('refuses a tampered ciphertext and a wrong key', () => {
    const sealed = encryptSecret('secret', binding, key);
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = `${v}.${iv}.${body?.startsWith('A') ? 'B' : 'A'}${body?.slice(1)}.${tag}`;
    expect(() => decryptSecret(flipped, binding, key)).toThrow();
    expect(() => decryptSecret(sealed, binding, 'z'.repeat(43))).toThrow();
  });
});
