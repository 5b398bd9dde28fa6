import type { DbOrTx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { tenantDomains } from '@/lib/db/schema';
import { PortalError } from '@/lib/errors';
import { randomId, randomToken } from '@/lib/security/random-id';

export type TenantDomain = typeof tenantDomains.$inferSelect;

export function publicDomain(domain: TenantDomain) {
  return {
    id: domain.id,
    domain: domain.domain,
    verified: domain.verifiedAt !== null,
    verified_at: domain.verifiedAt?.toISOString() ?? null,
    verification: { type: 'TXT', name: `_portal-verify.${domain.domain}`, value: domain.verificationToken },
  };
}

export async function addTenantDomain(
  db: DbOrTx,
  input: { tenantId: string; domain: string },
): Promise<TenantDomain> {
  try {
    const [row] = await db
      .insert(tenantDomains)
      .values({
        id: randomId('dom'),
        tenantId: input.tenantId,
        domain: input.domain,
        verificationToken: `portal-verify=${randomToken()}`,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new PortalError({
        type: 'conflict',
        code: 'domain_taken',
        message: `The domain ${input.domain} is already registered.`,
        param: 'domain',
      });
    }
    throw error;
  }
}
