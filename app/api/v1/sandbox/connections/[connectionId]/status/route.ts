// POST /api/v1/sandbox/connections/{id}/status — put a sandbox connection into reauth_required or error (tenant UI testing)
import { apiRoute } from '@/lib/api/api-route';
import { connectionParams, sandboxStatusBody } from '@/lib/api/schemas/connections';
import { connectionObject } from '@/lib/connections/connection-row';
import { setSandboxConnectionStatus } from '@/lib/connections/set-connection-status';

export const POST = apiRoute({
  params: connectionParams,
  body: sandboxStatusBody,
  handler: async ({ db, tenantId, params, body, actor }) => {
    const row = await setSandboxConnectionStatus(db, {
      tenantId,
      connectionId: params.connectionId,
      status: body.status,
      actor,
    });
    return { status: 200, body: connectionObject(row) };
  },
});
