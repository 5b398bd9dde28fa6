import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreatePortalLinkInput, portalLinkObject } from '@/lib/api/schemas/portal-links';
import { type AuditActor, type RequestOrigin, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { requireConnection } from '@/lib/connections/find-connection';
import type { DbOrTx } from '@/lib/db/client';
import { portalLinks, tenantDomains } from '@/lib/db/schema';
import { invalid } from '@/lib/errors';
import { sha256Hex } from '@/lib/security/hash';
import { randomId, randomToken } from '@/lib/security/random-id';
import { checkReturnUrl } from '@/lib/security/return-url';
import type { Tenant } from '@/lib/tenants/tenant';
import { tenantOrigin } from '@/lib/tenants/tenant-origin';

export type PortalLinkObject = z.output<typeof portalLinkObject>;

/** The tenant's public origin: its first verified custom domain, else its subdomain. */
async function linkOrigin(db: DbOrTx, tenant: Tenant): Promise<string> {
  const [domain] = await db
    .select({ domain: tenantDomains.domain })
    .from(tenantDomains)
    .where(and(eq(tenantDomains.tenantId, tenant.id), isNotNull(tenantDomains.verifiedAt)))
    .orderBy(asc(tenantDomains.verifiedAt))
    .limit(1);
  return tenantOrigin(tenant, domain?.domain);
}

/**
 * Mints a single-use magic link. The token (256 bits) exists only in the returned URL; the database
 * keeps its SHA-256. The URL is built from configuration, never from the request.
 */
export async function mintPortalLink(
  db: DbOrTx,
  input: { tenant: Tenant; link: CreatePortalLinkInput; actor: AuditActor; origin?: RequestOrigin },
): Promise<PortalLinkObject> {
  const { tenant, link } = input;
  let returnUrl: string | null = null;
  if (link.return_url !== undefined) {
    returnUrl = checkReturnUrl(link.return_url, tenant.allowedReturnOrigins) ?? null;
    if (!returnUrl) {
      throw invalid(
        'return_url',
        "return_url must be an https URL on one of the tenant's allowed return origins.",
        'return_url_not_allowed',
      );
    }
  }
  if (link.connection_id !== undefined) {
    // One answer for another tenant's, another user's and a missing connection, so a link can
    // neither point at someone else's device nor be used to probe which ids exist.
    await requireConnection(db, {
      tenantId: tenant.id,
      connectionId: link.connection_id,
      referenceId: link.reference_id,
    });
  }
  const token = randomToken();
  const id = randomId('pl');
  const expiresAt = new Date(Date.now() + link.expires_in * 1000);
  const [row] = await db
    .insert(portalLinks)
    .values({
      id,
      tenantId: tenant.id,
      tokenHash: sha256Hex(token),
      referenceId: link.reference_id,
      intent: link.intent,
      provider: link.provider ?? null,
      connectionId: link.connection_id ?? null,
      returnUrl,
      locale: link.locale ?? null,
      channel: link.channel,
      userLabel: link.user_label ?? null,
      expiresAt,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await recordAuditEvent(db, {
    tenantId: tenant.id,
    actor: input.actor,
    action: 'portal_link.created',
    subjectId: id,
    data: { reference_id: link.reference_id, intent: link.intent },
    origin: input.origin,
  });
  return {
    id,
    object: 'portal_link',
    url: `${await linkOrigin(db, tenant)}/l/${token}`,
    expires_at: row.expiresAt.toISOString(),
    created_at: row.createdAt.toISOString(),
    reference_id: row.referenceId,
    intent: row.intent,
    provider: row.provider,
    connection_id: row.connectionId,
    channel: row.channel,
    return_url: row.returnUrl,
    locale: row.locale,
    user_label: row.userLabel,
  };
}
