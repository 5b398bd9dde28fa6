// POST /api/v1/portal_links — mint a magic link for one of the tenant's users
import { apiRoute } from '@/lib/api/api-route';
import { createPortalLinkBody } from '@/lib/api/schemas/portal-links';
import { mintPortalLink } from '@/lib/links/mint-portal-link';
import { requireTenantById } from '@/lib/tenants/find-tenant-by-id';

export const POST = apiRoute({
  body: createPortalLinkBody,
  handler: async ({ db, tenantId, body, actor, origin }) => {
    const tenant = await requireTenantById(db, tenantId);
    return { status: 201, body: await mintPortalLink(db, { tenant, link: body, actor, origin }) };
  },
});
