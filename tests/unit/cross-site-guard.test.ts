import { describe, expect, it } from 'vitest';
import { isAllowedRedeemPost } from '@/lib/links/cross-site-guard';

const ORIGIN = 'https://acme.portal.example.com';
const post = (headers: Record<string, string>) => isAllowedRedeemPost(new Headers(headers), ORIGIN);

describe('cross-site guard on link redemption', () => {
  it('accepts a post from this page or typed directly', () => {
    expect(post({ 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(post({ 'sec-fetch-site': 'none' })).toBe(true);
  });

  it("refuses same-site: another tenant's subdomain of the same root", () => {
    expect(post({ 'sec-fetch-site': 'same-site', origin: ORIGIN })).toBe(false);
    expect(post({ 'sec-fetch-site': 'same-site' })).toBe(false);
  });

  it('refuses cross-site and unknown fetch-site values, whatever Origin says', () => {
    expect(post({ 'sec-fetch-site': 'cross-site', origin: ORIGIN })).toBe(false);
    expect(post({ 'sec-fetch-site': 'SAME-ORIGIN' })).toBe(false);
    expect(post({ 'sec-fetch-site': '' })).toBe(false);
  });

  it('falls back to an exact Origin match when the browser sends no Sec-Fetch-Site', () => {
    expect(post({ origin: ORIGIN })).toBe(true);
    expect(post({ origin: 'https://globex.portal.example.com' })).toBe(false);
    expect(post({ origin: `${ORIGIN}/` })).toBe(false);
    expect(post({ origin: 'null' })).toBe(false);
  });

  it('accepts a client that sends neither (curl cannot carry a victim’s cookies)', () => {
    expect(post({})).toBe(true);
  });
});
