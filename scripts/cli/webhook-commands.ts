import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Database } from '@/lib/db/client';
import { requireTenantBySlug } from '@/lib/tenants/find-tenant-by-slug';
import { tenantSlug } from '@/lib/tenants/tenant-fields';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import { listWebhookEndpoints } from '@/lib/webhooks/list-webhook-endpoints';
import { removeWebhookEndpoint } from '@/lib/webhooks/remove-webhook-endpoint';
import { sendTestEvent } from '@/lib/webhooks/send-test-event';
import { webhookEndpointId, webhookEventFilter, webhookUrl } from '@/lib/webhooks/webhook-endpoint-fields';
import { flagValue, parseFlags } from './cli-io';

const operator = { type: 'operator' } as const;

async function tenantFlag(db: Database, value: unknown) {
  return requireTenantBySlug(db, flagValue(tenantSlug, value, 'tenant'));
}

/** webhook:add --tenant acme --url URL [--events connection.created,…] → the endpoint and its secret, shown once. */
export async function webhookAdd(db: Database, args: string[]) {
  const flags = parseFlags(args, {
    tenant: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'string' },
  });
  const tenant = await tenantFlag(db, flags.tenant);
  const url = flagValue(webhookUrl, flags.url, 'url');
  const eventTypes =
    flags.events === undefined
      ? null
      : flagValue(
          webhookEventFilter,
          flags.events.split(',').map((type) => type.trim()),
          'events',
        );
  const { endpoint, secret } = await createWebhookEndpoint(db, { tenantId: tenant.id, url, eventTypes });
  await recordAuditEvent(db, {
    tenantId: tenant.id,
    actor: operator,
    action: 'webhook_endpoint.created',
    subjectId: endpoint.id,
    data: { events: endpoint.events },
  });
  return { endpoint, secret };
}

export async function webhookList(db: Database, args: string[]) {
  const flags = parseFlags(args, { tenant: { type: 'string' } });
  const tenant = await tenantFlag(db, flags.tenant);
  return { endpoints: await listWebhookEndpoints(db, { tenantId: tenant.id }) };
}

/** `--tenant` and `--endpoint`, as webhook:remove and webhook:test both take them. */
async function endpointFlags(db: Database, args: string[]) {
  const flags = parseFlags(args, { tenant: { type: 'string' }, endpoint: { type: 'string' } });
  const tenant = await tenantFlag(db, flags.tenant);
  return { tenant, endpointId: flagValue(webhookEndpointId, flags.endpoint, 'endpoint') };
}

export async function webhookRemove(db: Database, args: string[]) {
  const { tenant, endpointId } = await endpointFlags(db, args);
  const removed = await removeWebhookEndpoint(db, { tenantId: tenant.id, endpointId });
  await recordAuditEvent(db, {
    tenantId: tenant.id,
    actor: operator,
    action: 'webhook_endpoint.removed',
    subjectId: removed.id,
  });
  return { removed: true, endpoint: removed };
}

/** webhook:test queues a `ping` to one endpoint; the running server's worker delivers it. */
export async function webhookTest(db: Database, args: string[]) {
  const { tenant, endpointId } = await endpointFlags(db, args);
  const queued = await sendTestEvent(db, { tenantId: tenant.id, endpointId });
  await recordAuditEvent(db, {
    tenantId: tenant.id,
    actor: operator,
    action: 'webhook_endpoint.test_sent',
    subjectId: queued.delivery.id,
    data: { event_id: queued.event.id },
  });
  return queued;
}
