import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { portalLinks } from '@/lib/db/schema';
import { sha256Hex } from '@/lib/security/hash';
import { type PortalLinkRow, TOKEN_PATTERN } from './portal-link-row';

/** The link a token names, only within this tenant: another tenant's token is simply unknown here. */
export async function findPortalLinkByToken(
  db: DbOrTx,
  input: { tenantId: string; token: string },
): Promise<PortalLinkRow | undefined> {
  if (!TOKEN_PATTERN.test(input.token)) return undefined;
  const [link] = await db
    .select()
    .from(portalLinks)
    .where(and(eq(portalLinks.tenantId, input.tenantId), eq(portalLinks.tokenHash, sha256Hex(input.token))))
    .limit(1);
  return link;
}
