// GET /api/v1/providers — providers enabled for this tenant
import type { z } from 'zod';
import { apiRoute } from '@/lib/api/api-route';
import type { providerListSchema } from '@/lib/api/schemas/connections';
import { listProvidersForTenant } from '@/lib/connections/list-providers-for-tenant';
import { requireTenantById } from '@/lib/tenants/find-tenant-by-id';

export const GET = apiRoute({
  handler: async ({ db, tenantId }) => {
    const providers = await listProvidersForTenant(db, { tenant: await requireTenantById(db, tenantId) });
    return {
      status: 200,
      body: {
        object: 'list',
        has_more: false,
        data: providers.map((p) => ({
          id: p.id,
          object: 'provider',
          name: p.name,
          web_connect: p.webConnect,
        })),
      } satisfies z.output<typeof providerListSchema>,
    };
  },
});
