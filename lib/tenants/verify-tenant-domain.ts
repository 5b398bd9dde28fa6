import { resolveTxt } from 'node:dns/promises';
import { and, eq } from 'drizzle-orm';
import { announceTenantChange } from '@/lib/cache/tenant-change-signal';
import type { DbOrTx } from '@/lib/db/client';
import { tenantDomains } from '@/lib/db/schema';
import { PortalError, notFound } from '@/lib/errors';
import type { TenantDomain } from './add-tenant-domain';

export type TxtResolver = (name: string) => Promise<string[][]>;

/** Marks a domain verified when `_portal-verify.{domain}` holds its token, or when the operator forces it. */
export async function verifyTenantDomain(
  db: DbOrTx,
  input: { tenantId: string; domain: string; force?: boolean; resolveTxtRecords?: TxtResolver },
): Promise<TenantDomain> {
  const [row] = await db
    .select()
    .from(tenantDomains)
    .where(and(eq(tenantDomains.tenantId, input.tenantId), eq(tenantDomains.domain, input.domain)))
    .limit(1);
  if (!row) throw notFound('domain', 'domain');
  if (!input.force) {
    const resolver = input.resolveTxtRecords ?? resolveTxt;
    const records = await resolver(`_portal-verify.${row.domain}`).catch(() => []);
    if (!records.some((chunks) => chunks.join('') === row.verificationToken)) {
      throw new PortalError({
        type: 'invalid_request_error',
        code: 'domain_unverified',
        message: `No TXT record _portal-verify.${row.domain} with the value ${row.verificationToken} was found.`,
        param: 'domain',
      });
    }
  }
  const [updated] = await db
    .update(tenantDomains)
    .set({ verifiedAt: row.verifiedAt ?? new Date() })
    .where(and(eq(tenantDomains.tenantId, input.tenantId), eq(tenantDomains.id, row.id)))
    .returning();
  if (!updated) throw notFound('domain', 'domain');
  await announceTenantChange(db);
  return updated;
}
