import { describe, expect, it } from 'vitest';
import { serverActionsKeyRefusal } from '@/server/server-actions-key.mjs';

describe('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY', () => {
  it('accepts base64 of 16, 24 or 32 bytes, or no key at all', () => {
    expect(serverActionsKeyRefusal(undefined)).toBeUndefined();
    expect(serverActionsKeyRefusal('')).toBeUndefined();
    expect(serverActionsKeyRefusal('AAAAAAAAAAAAAAAAAAAAAA==')).toBeUndefined(); // 16 bytes
    expect(serverActionsKeyRefusal('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined(); // 24 bytes
    expect(serverActionsKeyRefusal('F4IonZhUuuDR/Qh3vW4jSzskh2h1KKOWt1I2yyfzgUE=')).toBeUndefined(); // 32 bytes
  });

  it('refuses anything else with a message naming the variable', () => {
    for (const value of [
      'secret',
      'AAAAAAAAAAAAAAAAAAAA',
      'F4IonZhUuuDR/Qh3vW4jSzskh2h1KKOWt1I2yyfzgUE=AAAA',
      'not base64!!',
    ]) {
      expect(serverActionsKeyRefusal(value)).toBe(
        'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64 of 16, 24 or 32 bytes (openssl rand -base64 32)',
      );
    }
  });
});
