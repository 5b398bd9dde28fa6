// GET /api/v1/tenant — the key's tenant: brand and settings (source secrets only as "set")
// PATCH /api/v1/tenant — change brand and settings, checked as `tenant:update` checks them
import { apiRoute } from '@/lib/api/api-route';
import { tenantPatchFrom, updateTenantBody } from '@/lib/api/schemas/tenant';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { requireTenantById } from '@/lib/tenants/find-tenant-by-id';
import { publicTenant } from '@/lib/tenants/tenant';
import { updateTenant } from '@/lib/tenants/update-tenant';

export const GET = apiRoute({
  handler: async ({ db, tenantId }) => ({
    status: 200,
    body: { object: 'tenant', ...publicTenant(await requireTenantById(db, tenantId)) },
  }),
});

export const PATCH = apiRoute({
  body: updateTenantBody,
  handler: async ({ db, tenantId, body, actor, origin }) => {
    const updated = await updateTenant(db, { tenantId, patch: tenantPatchFrom(body) });
    await recordAuditEvent(db, {
      tenantId,
      actor,
      action: 'tenant.updated',
      subjectId: tenantId,
      data: { fields: Object.keys(body) },
      origin,
    });
    return { status: 200, body: { object: 'tenant', ...publicTenant(updated) } };
  },
});
