import { announceTenantChange } from '@/lib/cache/tenant-change-signal';
import type { DbOrTx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { tenants } from '@/lib/db/schema';
import { PortalError } from '@/lib/errors';
import { randomId } from '@/lib/security/random-id';
import { slugRefusal } from './reserved-slugs';
import type { Tenant } from './tenant';
import type { SourceName } from '@/lib/connections/vocabulary';

export async function createTenant(
  db: DbOrTx,
  input: { slug: string; name: string; source: SourceName; returnOrigins: string[] },
): Promise<Tenant> {
  const refusal = slugRefusal(input.slug);
  if (refusal) {
    throw new PortalError({
      type: 'invalid_request_error',
      code: 'slug_reserved',
      message: `slug "${input.slug}" ${refusal}.`,
      param: 'slug',
    });
  }
  try {
    const [tenant] = await db
      .insert(tenants)
      .values({
        id: randomId('ten'),
        slug: input.slug,
        name: input.name,
        source: input.source,
        allowedReturnOrigins: input.returnOrigins,
      })
      .returning();
    if (!tenant) throw new Error('insert returned no row');
    // An instance may have cached this host as unknown moments ago.
    await announceTenantChange(db);
    return tenant;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new PortalError({
        type: 'conflict',
        code: 'slug_taken',
        message: `A tenant with slug "${input.slug}" already exists.`,
        param: 'slug',
      });
    }
    throw error;
  }
}
