import { validationError } from '@/lib/api/errors';
import { createPortalLinkBody } from '@/lib/api/schemas/portal-links';
import type { Database } from '@/lib/db/client';
import { mintPortalLink } from '@/lib/links/mint-portal-link';
import { requireTenantBySlug } from '@/lib/tenants/find-tenant-by-slug';
import { tenantSlug } from '@/lib/tenants/tenant-fields';
import { UsageError, flagValue, parseFlags } from './cli-io';

/** link:create takes the API's fields as flags (--reference-id, --return-url, …) and prints the same object. */
export async function linkCreate(db: Database, args: string[]) {
  const flags = parseFlags(args, {
    tenant: { type: 'string' },
    'reference-id': { type: 'string' },
    intent: { type: 'string' },
    provider: { type: 'string' },
    'connection-id': { type: 'string' },
    'return-url': { type: 'string' },
    locale: { type: 'string' },
    'expires-in': { type: 'string' },
    channel: { type: 'string' },
    'user-label': { type: 'string' },
  });
  const tenant = await requireTenantBySlug(db, flagValue(tenantSlug, flags.tenant, 'tenant'));
  const expiresIn = flags['expires-in'];
  const body = {
    reference_id: flags['reference-id'],
    intent: flags.intent,
    provider: flags.provider,
    connection_id: flags['connection-id'],
    return_url: flags['return-url'],
    locale: flags.locale,
    expires_in: expiresIn === undefined ? undefined : /^\d+$/.test(expiresIn) ? Number(expiresIn) : expiresIn,
    channel: flags.channel,
    user_label: flags['user-label'],
  };
  const parsed = createPortalLinkBody.safeParse(body);
  if (!parsed.success) {
    const error = validationError(parsed.error.issues, body);
    throw new UsageError(error.message, error.param?.replaceAll('_', '-'));
  }
  return mintPortalLink(db, { tenant, link: parsed.data, actor: { type: 'operator' } });
}
