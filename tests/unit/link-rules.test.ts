import { describe, expect, it } from 'vitest';
import { createPortalLinkBody } from '@/lib/api/schemas/portal-links';
import { type PortalLinkRow, TOKEN_PATTERN, intentTarget, linkState } from '@/lib/links/portal-link-row';

describe('portal link defaults (SPEC: 900 s unless expires_in says otherwise)', () => {
  it('lasts 900 seconds by default, as a manage link sent by redirect', () => {
    const parsed = createPortalLinkBody.parse({ reference_id: 'user-1' });
    expect(parsed).toEqual({
      reference_id: 'user-1',
      intent: 'manage',
      expires_in: 900,
      channel: 'redirect',
    });
  });

  it('takes 60 s to 7 days', () => {
    expect(createPortalLinkBody.parse({ reference_id: 'u', expires_in: 60 }).expires_in).toBe(60);
    expect(createPortalLinkBody.parse({ reference_id: 'u', expires_in: 604800 }).expires_in).toBe(604800);
    for (const expires_in of [59, 604801, 90.5, '900']) {
      expect(createPortalLinkBody.safeParse({ reference_id: 'u', expires_in }).success).toBe(false);
    }
  });
});

const row = (fields: Partial<PortalLinkRow>): PortalLinkRow => ({
  id: 'pl_1',
  tenantId: 'ten_1',
  tokenHash: 'h',
  referenceId: 'u',
  intent: 'manage',
  provider: null,
  connectionId: null,
  returnUrl: null,
  locale: null,
  channel: 'redirect',
  userLabel: null,
  expiresAt: new Date(10_000),
  redeemedAt: null,
  redeemedSessionId: null,
  createdAt: new Date(0),
  ...fields,
});

describe('portal link state and target', () => {
  it('is usable until the expiry millisecond, expired from it on, used once redeemed', () => {
    expect(linkState(row({}), 9_999)).toBe('usable');
    expect(linkState(row({}), 10_000)).toBe('expired');
    expect(linkState(row({}), 10_001)).toBe('expired');
    expect(linkState(row({ redeemedAt: new Date(5_000) }), 0)).toBe('used');
    expect(linkState(row({ redeemedAt: new Date(5_000) }), 20_000)).toBe('used');
  });

  it('uses the clock when no time is given', () => {
    expect(linkState(row({ expiresAt: new Date(Date.now() + 60_000) }))).toBe('usable');
    expect(linkState(row({ expiresAt: new Date(Date.now() - 1) }))).toBe('expired');
  });

  it.each([
    [{ intent: 'manage' as const }, '/devices'],
    [{ intent: 'connect' as const, provider: 'OURA' }, '/devices/connect/OURA'],
    [{ intent: 'connect' as const }, '/devices'],
    [{ intent: 'reconnect' as const, connectionId: 'conn_1' }, '/devices/conn_1'],
    [{ intent: 'reconnect' as const }, '/devices'],
    [{ intent: 'disconnect' as const, connectionId: 'conn_1' }, '/devices/conn_1/disconnect'],
    [{ intent: 'disconnect' as const }, '/devices'],
    [{ intent: 'connect' as const, provider: 'A/B?c' }, '/devices/connect/A%2FB%3Fc'],
    [{ intent: 'reconnect' as const, connectionId: '../x' }, '/devices/..%2Fx'],
    [{ intent: 'disconnect' as const, connectionId: 'a b' }, '/devices/a%20b/disconnect'],
  ])('%o goes to %s', (fields, target) => {
    expect(intentTarget(fields as Parameters<typeof intentTarget>[0])).toBe(target);
  });

  it('accepts only 43 base64url characters as a token', () => {
    expect(TOKEN_PATTERN.test('a'.repeat(43))).toBe(true);
    expect(TOKEN_PATTERN.test('A-_9'.repeat(10) + 'abc')).toBe(true);
    expect(TOKEN_PATTERN.test('a'.repeat(42))).toBe(false);
    expect(TOKEN_PATTERN.test('a'.repeat(44))).toBe(false);
    expect(TOKEN_PATTERN.test(`${'a'.repeat(42)}=`)).toBe(false);
    expect(TOKEN_PATTERN.test(`x${'a'.repeat(43)}`)).toBe(false);
  });
});
