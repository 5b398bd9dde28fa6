import { createHmac, randomBytes } from 'node:crypto';

/** Standard Webhooks (https://www.standardwebhooks.com): `whsec_` + base64 of the raw HMAC key. */
const SECRET_PREFIX = 'whsec_';
const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

export type WebhookSignatureHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** A fresh endpoint secret: 32 random bytes, shown to the operator once. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

function signingKey(secret: string): Buffer {
  if (!SECRET_PATTERN.test(secret)) throw new Error('Webhook secret is not in whsec_<base64> form');
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  if (key.length < 24 || key.length > 64) throw new Error('Webhook secret key must be 24–64 bytes');
  return key;
}

/**
 * The three headers for one delivery attempt. `id` is the event id, so a retried event carries the
 * same webhook-id and the receiver can drop the duplicate; the timestamp is the attempt's own.
 * During a secret rotation `previousSecret` signs too: the header then holds two space-separated
 * `v1,` signatures, and a receiver that knows either secret verifies (Standard Webhooks).
 */
export function signWebhook(input: {
  secret: string;
  previousSecret?: string | null;
  id: string;
  timestampSeconds: number;
  body: string;
}): WebhookSignatureHeaders {
  const timestamp = String(Math.floor(input.timestampSeconds));
  const sign = (secret: string) =>
    `v1,${createHmac('sha256', signingKey(secret)).update(`${input.id}.${timestamp}.${input.body}`).digest('base64')}`;
  const secrets = input.previousSecret ? [input.secret, input.previousSecret] : [input.secret];
  return {
    'webhook-id': input.id,
    'webhook-timestamp': timestamp,
    'webhook-signature': secrets.map(sign).join(' '),
  };
}
