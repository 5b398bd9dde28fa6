import { createHmac } from 'node:crypto';
import { constantTimeEqual, sha256Hex } from '@/lib/security/hash';
import { WebhookSignatureError } from '../connection-source';
import type { SourceEvent } from '../connection-source';
import { terraWebhookBody } from './terra-shapes';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `terra-signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`, within 300 s of now.
 * Answers the SHA-256 of the signed content (`t.body`), not of the header: extra v1 values can be
 * added to a captured header without breaking it.
 */
export function verifyTerraSignature(input: {
  header: string | null;
  rawBody: string;
  secret: string;
  nowSeconds?: number;
}): { signedContentSha256: string } {
  if (!input.header) throw new WebhookSignatureError('missing terra-signature header');
  const parts = new Map(input.header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const signatures = input.header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3));
  if (!Number.isInteger(timestamp) || signatures.length === 0)
    throw new WebhookSignatureError('malformed terra-signature header');
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > SIGNATURE_TOLERANCE_SECONDS)
    throw new WebhookSignatureError('timestamp outside the tolerance');
  const signedContent = `${timestamp}.${input.rawBody}`;
  const expected = createHmac('sha256', input.secret).update(signedContent).digest('hex');
  if (!signatures.some((signature) => constantTimeEqual(signature, expected)))
    throw new WebhookSignatureError('signature mismatch');
  return { signedContentSha256: sha256Hex(signedContent) };
}

/** Maps one Terra webhook to what changed for our connections; types we don't act on map to nothing. */
export function terraWebhookEvents(rawBody: string): SourceEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return [];
  }
  const parsed = terraWebhookBody.safeParse(json);
  if (!parsed.success) return [];
  const body = parsed.data;
  const user = body.user;
  switch (body.type) {
    case 'auth':
      if (body.status === 'success' && user) {
        return [
          {
            kind: 'connected',
            externalUserId: user.user_id,
            provider: user.provider.toUpperCase(),
            referenceId: user.reference_id ?? body.reference_id ?? null,
          },
        ];
      }
      return [];
    case 'user_reauth':
      return body.new_user
        ? [
            {
              kind: 'reauthorized',
              oldExternalUserId: body.old_user?.user_id ?? null,
              newExternalUserId: body.new_user.user_id,
              provider: body.new_user.provider.toUpperCase(),
            },
          ]
        : [];
    case 'access_revoked':
      return user
        ? [
            {
              kind: 'status',
              externalUserId: user.user_id,
              status: 'reauth_required',
              reason: 'access_revoked',
            },
          ]
        : [];
    case 'connection_error':
      return user
        ? [{ kind: 'status', externalUserId: user.user_id, status: 'error', reason: 'connection_error' }]
        : [];
    case 'deauth':
      return user
        ? [{ kind: 'status', externalUserId: user.user_id, status: 'disconnected', reason: 'deauth' }]
        : [];
    default:
      return [];
  }
}
