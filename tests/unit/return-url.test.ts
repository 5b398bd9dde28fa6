import { describe, expect, it } from 'vitest';
import { checkReturnUrl, isAllowedReturnOriginShape } from '@/lib/security/return-url';

describe('return URLs', () => {
  const allowed = ['https://app.acme.com', 'http://localhost:5173'];
  it.each([
    ['https://app.acme.com/settings?x=1', 'https://app.acme.com/settings?x=1'],
    ['http://localhost:5173/back', 'http://localhost:5173/back'],
    ['https://app.acme.com.evil.com/', undefined],
    ['https://evil.com/?https://app.acme.com', undefined],
    ['http://app.acme.com/', undefined],
    ['javascript:alert(1)', undefined],
    ['https://user:pw@app.acme.com/', undefined],
    ['//app.acme.com/', undefined],
    ['not a url', undefined],
  ])('%s', (value, expected) => {
    expect(checkReturnUrl(value, allowed)).toBe(expected);
  });

  it('accepts only bare https origins (http on loopback) in the allow-list', () => {
    expect(isAllowedReturnOriginShape('https://app.acme.com')).toBe(true);
    expect(isAllowedReturnOriginShape('http://localhost:5173')).toBe(true);
    expect(isAllowedReturnOriginShape('http://app.acme.com')).toBe(false);
    expect(isAllowedReturnOriginShape('https://app.acme.com/path')).toBe(false);
  });
});
