import type { DbOrTx } from '@/lib/db/client';
import { portalLinks } from '@/lib/db/schema';
import type { PortalLinkRow } from '@/lib/links/portal-link-row';
import { sha256Hex } from '@/lib/security/hash';
import { randomId, randomToken } from '@/lib/security/random-id';

/**
 * A portal_links row written straight to the table, so a test can set any state (expired, redeemed)
 * and call the redeem service without the route's pre-checks in front of it.
 */
export async function insertPortalLink(
  db: DbOrTx,
  input: { tenantId: string } & Partial<Omit<PortalLinkRow, 'tenantId' | 'tokenHash'>>,
): Promise<{ token: string; link: PortalLinkRow }> {
  const token = randomToken();
  const [link] = await db
    .insert(portalLinks)
    .values({
      id: randomId('pl'),
      referenceId: 'user-1',
      intent: 'manage',
      channel: 'redirect',
      expiresAt: new Date(Date.now() + 900_000),
      ...input,
      tokenHash: sha256Hex(token),
    })
    .returning();
  if (!link) throw new Error('insert returned no row');
  return { token, link };
}
