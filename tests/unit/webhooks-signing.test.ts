import { Webhook } from 'standardwebhooks';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EventType } from '@/lib/webhooks/emit-event';
import { generateWebhookSecret, signWebhook } from '@/lib/webhooks/sign-webhook';
import type { WebhookEventType } from '@/lib/webhooks/webhook-endpoint-fields';

describe('Standard Webhooks signing', () => {
  it('matches the published Standard Webhooks test vector', () => {
    // From the standard-webhooks reference libraries' test suite.
    const headers = signWebhook({
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestampSeconds: 1614265330,
      body: '{"test": 2432232314}',
    });
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('during a rotation, signs with the new secret first and the old one after a space', () => {
    const vector = {
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestampSeconds: 1614265330,
      body: '{"test": 2432232314}',
    };
    const oldSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const newSecret = generateWebhookSecret();
    const headers = signWebhook({ ...vector, secret: newSecret, previousSecret: oldSecret });
    const [first, second, ...rest] = headers['webhook-signature'].split(' ');
    expect(rest).toEqual([]);
    expect(first).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(second).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(signWebhook({ ...vector, secret: newSecret })['webhook-signature']).toBe(first);
    expect(signWebhook({ ...vector, secret: newSecret, previousSecret: null })['webhook-signature']).toBe(
      first,
    );
  });

  it('produces headers the standardwebhooks package verifies', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    const body = JSON.stringify({
      id: 'evt_1',
      type: 'ping',
      created_at: new Date().toISOString(),
      data: {},
    });
    const headers = signWebhook({ secret, id: 'evt_1', timestampSeconds: Date.now() / 1000, body });
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fails verification for another secret or a changed body', () => {
    const secret = generateWebhookSecret();
    const body = '{"id":"evt_1"}';
    const headers = signWebhook({ secret, id: 'evt_1', timestampSeconds: Date.now() / 1000, body });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify('{"id":"evt_2"}', headers)).toThrow();
  });

  it('lists every event type emitEvent can write', () => {
    expectTypeOf<WebhookEventType>().toEqualTypeOf<EventType>();
  });
});
