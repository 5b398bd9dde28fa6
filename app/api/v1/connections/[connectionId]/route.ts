// DELETE /api/v1/connections/{id} — disconnect server-side; a second call returns the disconnected connection
import { apiRoute } from '@/lib/api/api-route';
import { connectionParams } from '@/lib/api/schemas/connections';
import { connectionObject } from '@/lib/connections/connection-row';
import { disconnectConnection } from '@/lib/connections/disconnect-connection';
import { requireTenantById } from '@/lib/tenants/find-tenant-by-id';

export const DELETE = apiRoute({
  params: connectionParams,
  handler: async ({ db, tenantId, params, actor, origin }) => {
    const tenant = await requireTenantById(db, tenantId);
    const row = await disconnectConnection(db, {
      tenant,
      connectionId: params.connectionId,
      initiatedBy: 'api',
      actor,
      origin,
    });
    return { status: 200, body: connectionObject(row) };
  },
});
