// GET /api/v1/users/{reference_id}/connections — that user's connections, disconnected ones included, newest first
import type { z } from 'zod';
import { apiRoute } from '@/lib/api/api-route';
import {
  type connectionListSchema,
  userConnectionsParams,
  userConnectionsQuery,
} from '@/lib/api/schemas/connections';
import { connectionObject } from '@/lib/connections/connection-row';
import { listConnectionsForUser } from '@/lib/connections/list-connections-for-user';

export const GET = apiRoute({
  params: userConnectionsParams,
  query: userConnectionsQuery,
  handler: async ({ db, tenantId, params, query }) => {
    const rows = await listConnectionsForUser(db, {
      tenantId,
      referenceId: params.referenceId,
      includeDisconnected: true,
      status: query.status,
    });
    const body = { object: 'list', has_more: false, data: rows.map(connectionObject) } satisfies z.output<
      typeof connectionListSchema
    >;
    return { status: 200, body };
  },
});
