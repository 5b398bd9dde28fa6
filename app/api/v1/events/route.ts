// GET /api/v1/events?starting_after=&limit= — the tenant's event log, newest first
import { apiRoute } from '@/lib/api/api-route';
import { eventsQuery } from '@/lib/api/schemas/events';
import { listTenantEvents } from '@/lib/events/list-tenant-events';

export const GET = apiRoute({
  query: eventsQuery,
  handler: async ({ db, tenantId, query }) => ({
    status: 200,
    body: await listTenantEvents(db, { tenantId, startingAfter: query.starting_after, limit: query.limit }),
  }),
});
