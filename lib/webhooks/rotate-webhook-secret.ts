import { and, eq } from 'drizzle-orm';
import { type AuditActor, type RequestOrigin, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { DbOrTx } from '@/lib/db/client';
import { webhookEndpoints } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import { decryptSecret, encryptSecret } from '@/lib/security/secret-box';
import { generateWebhookSecret } from './sign-webhook';
import {
  endpointSecretBinding,
  previousEndpointSecretBinding,
  publicWebhookEndpoint,
} from './webhook-endpoint-fields';

/** How long the replaced secret keeps signing, so receivers can switch without missing a delivery. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/**
 * A new signing secret, returned once. The old one signs too (a second `v1,` signature) for 24 h;
 * rotating again within them replaces the older one, which stops signing at once.
 */
export async function rotateWebhookSecret(
  db: DbOrTx,
  input: { tenantId: string; endpointId: string; now: Date; actor: AuditActor; origin?: RequestOrigin },
) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.tenantId, input.tenantId), eq(webhookEndpoints.id, input.endpointId)))
      .for('update');
    if (!current) throw notFound('webhook endpoint', 'id');
    const oldSecret = decryptSecret(current.secretCiphertext, endpointSecretBinding(current));
    const secret = generateWebhookSecret();
    const previousSecretExpiresAt = new Date(input.now.getTime() + ROTATION_OVERLAP_MS);
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        secretCiphertext: encryptSecret(secret, endpointSecretBinding(current)),
        previousSecretCiphertext: encryptSecret(oldSecret, previousEndpointSecretBinding(current)),
        previousSecretExpiresAt,
      })
      .where(eq(webhookEndpoints.id, current.id))
      .returning();
    if (!row) throw notFound('webhook endpoint', 'id');
    await recordAuditEvent(tx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'webhook_endpoint.secret_rotated',
      subjectId: row.id,
      origin: input.origin,
    });
    return { endpoint: publicWebhookEndpoint(row), secret, previousSecretExpiresAt };
  });
}
