import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookSignatureError } from '@/lib/connections/sources/connection-source';
import {
  SIGNATURE_TOLERANCE_SECONDS,
  verifyTerraSignature,
} from '@/lib/connections/sources/terra/terra-webhook';
import { signWebhook } from '@/lib/webhooks/sign-webhook';

describe('Terra webhook signature (t=<unix>,v1=<hex HMAC>)', () => {
  const secret = 'terra-signing-secret';
  const body = '{"type":"auth","status":"success"}';
  const t = 1_764_583_200;
  const hmac = (timestamp: number, raw = body, key = secret) =>
    createHmac('sha256', key).update(`${timestamp}.${raw}`).digest('hex');
  const verify = (header: string | null, nowSeconds: number, raw = body) =>
    verifyTerraSignature({ header, rawBody: raw, secret, nowSeconds });

  it('allows 300 s of clock difference either way, and not a second more', () => {
    expect(SIGNATURE_TOLERANCE_SECONDS).toBe(300);
    const header = `t=${t},v1=${hmac(t)}`;
    expect(() => verify(header, t)).not.toThrow();
    expect(() => verify(header, t + 300)).not.toThrow();
    expect(() => verify(header, t - 300)).not.toThrow();
    expect(() => verify(header, t + 301)).toThrow('timestamp outside the tolerance');
    expect(() => verify(header, t - 301)).toThrow('timestamp outside the tolerance');
  });

  it('checks the time against the clock when none is given', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(() =>
      verifyTerraSignature({ header: `t=${now},v1=${hmac(now)}`, rawBody: body, secret }),
    ).not.toThrow();
    const old = now - 3600;
    expect(() => verifyTerraSignature({ header: `t=${old},v1=${hmac(old)}`, rawBody: body, secret })).toThrow(
      WebhookSignatureError,
    );
  });

  it('refuses another body, another secret, or a signature over another timestamp', () => {
    expect(() => verify(`t=${t},v1=${hmac(t)}`, t, '{"type":"deauth"}')).toThrow('signature mismatch');
    expect(() => verify(`t=${t},v1=${hmac(t, body, 'other')}`, t)).toThrow('signature mismatch');
    expect(() => verify(`t=${t},v1=${hmac(t + 1)}`, t)).toThrow('signature mismatch');
  });

  it('accepts any one matching v1 among several, with spaces after commas', () => {
    expect(() => verify(`t=${t}, v1=${'0'.repeat(64)}, v1=${hmac(t)}`, t)).not.toThrow();
  });

  it.each([
    ['no header', null, 'missing terra-signature header'],
    ['an empty header', '', 'missing terra-signature header'],
    ['no timestamp', `v1=${'a'.repeat(64)}`, 'malformed terra-signature header'],
    ['a fractional timestamp', `t=${t}.5,v1=${'a'.repeat(64)}`, 'malformed terra-signature header'],
    ['no v1 signature', `t=${t},v0=${'a'.repeat(64)}`, 'malformed terra-signature header'],
  ])('refuses %s', (_what, header, message) => {
    let caught: unknown;
    try {
      verify(header, t);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WebhookSignatureError);
    expect((caught as Error).message).toBe(message);
    expect((caught as Error).name).toBe('WebhookSignatureError');
  });
});

describe('outgoing webhook signatures', () => {
  const key24 = `whsec_${Buffer.alloc(24, 1).toString('base64')}`;
  const key64 = `whsec_${Buffer.alloc(64, 1).toString('base64')}`;

  it('signs id.timestamp.body with the decoded key, timestamp in whole seconds', () => {
    const headers = signWebhook({
      secret: key24,
      id: 'evt_1',
      timestampSeconds: 1_764_583_200.9,
      body: '{}',
    });
    const expected = createHmac('sha256', Buffer.alloc(24, 1)).update('evt_1.1764583200.{}').digest('base64');
    expect(headers).toEqual({
      'webhook-id': 'evt_1',
      'webhook-timestamp': '1764583200',
      'webhook-signature': `v1,${expected}`,
    });
  });

  it('takes keys of 24 to 64 bytes only', () => {
    expect(() => signWebhook({ secret: key64, id: 'e', timestampSeconds: 1, body: '' })).not.toThrow();
    for (const size of [23, 65]) {
      const secret = `whsec_${Buffer.alloc(size, 1).toString('base64')}`;
      expect(() => signWebhook({ secret, id: 'e', timestampSeconds: 1, body: '' })).toThrow(
        'Webhook secret key must be 24–64 bytes',
      );
    }
  });

  it('refuses a secret that is not whsec_<base64>', () => {
    for (const secret of [
      Buffer.alloc(32, 1).toString('base64'),
      'whsec_not base64!',
      `x${key24}`,
      `${key24}===`,
    ]) {
      expect(() => signWebhook({ secret, id: 'e', timestampSeconds: 1, body: '' })).toThrow(
        'Webhook secret is not in whsec_<base64> form',
      );
    }
  });
});
