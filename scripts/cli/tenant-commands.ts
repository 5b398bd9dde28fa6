import type { Database } from '@/lib/db/client';
import { createApiKey, revokeApiKey } from '@/lib/api/api-keys';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { addTenantDomain, publicDomain } from '@/lib/tenants/add-tenant-domain';
import { createTenant } from '@/lib/tenants/create-tenant';
import { requireTenantBySlug } from '@/lib/tenants/find-tenant-by-slug';
import { publicTenant } from '@/lib/tenants/tenant';
import {
  accentColor,
  appUrl,
  connectionSourceName,
  domainName,
  linkRequestUrl,
  locale,
  newTenantSlug,
  providerList,
  returnOrigin,
  tenantName,
  tenantSlug,
} from '@/lib/tenants/tenant-fields';
import { updateTenant } from '@/lib/tenants/update-tenant';
import { verifyTenantDomain } from '@/lib/tenants/verify-tenant-domain';
import { z } from 'zod';
import { BRAND_FLAGS, brandPatch } from './brand-flags';
import { flagValue, parseFlags } from './cli-io';

const operator = { type: 'operator' } as const;
const httpUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http(s) URL');
const nonEmpty = z.string().trim().min(1, 'must not be empty').max(512);

async function tenantFlag(db: Database, value: unknown) {
  return requireTenantBySlug(db, flagValue(tenantSlug, value, 'tenant'));
}

export async function tenantCreate(db: Database, args: string[]) {
  const flags = parseFlags(args, {
    slug: { type: 'string' },
    name: { type: 'string' },
    source: { type: 'string' },
    'return-origin': { type: 'string', multiple: true },
  });
  const tenant = await createTenant(db, {
    slug: flagValue(newTenantSlug, flags.slug, 'slug'),
    name: flagValue(tenantName, flags.name, 'name'),
    source: flagValue(connectionSourceName, flags.source ?? 'sandbox', 'source'),
    returnOrigins: (flags['return-origin'] ?? []).map((origin) =>
      flagValue(returnOrigin, origin, 'return-origin'),
    ),
  });
  const { apiKey } = await createApiKey(db, { tenantId: tenant.id });
  await recordAuditEvent(db, {
    tenantId: tenant.id,
    actor: operator,
    action: 'tenant.created',
    subjectId: tenant.id,
  });
  return {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, source: tenant.source },
    api_key: apiKey,
  };
}

export async function tenantUpdate(db: Database, args: string[]) {
  const flags = parseFlags(args, {
    tenant: { type: 'string' },
    name: { type: 'string' },
    accent: { type: 'string' },
    ...BRAND_FLAGS,
    locale: { type: 'string' },
    'return-origin': { type: 'string', multiple: true },
    'app-url': { type: 'string' },
    'link-request-url': { type: 'string' },
    providers: { type: 'string' },
    'terra-dev-id': { type: 'string' },
    'terra-api-key': { type: 'string' },
    'terra-webhook-secret': { type: 'string' },
    'terra-base-url': { type: 'string' },
    'terra-widget-url': { type: 'string' },
  });
  const tenant = await tenantFlag(db, flags.tenant);
  const { patch, warnings } = brandPatch(flags);
  if (flags.name !== undefined) patch.name = flagValue(tenantName, flags.name, 'name');
  if (flags.accent !== undefined) patch.accentColor = flagValue(accentColor, flags.accent, 'accent');
  if (flags.locale !== undefined) patch.defaultLocale = flagValue(locale, flags.locale, 'locale');
  if (flags['return-origin'] !== undefined) {
    patch.allowedReturnOrigins = flags['return-origin'].map((origin) =>
      flagValue(returnOrigin, origin, 'return-origin'),
    );
  }
  if (flags['app-url'] !== undefined) patch.appUrl = flagValue(appUrl, flags['app-url'], 'app-url');
  if (flags['link-request-url'] !== undefined)
    patch.linkRequestUrl = flagValue(linkRequestUrl, flags['link-request-url'], 'link-request-url');
  if (flags.providers !== undefined)
    patch.enabledProviders = flagValue(providerList, flags.providers.split(','), 'providers');
  const settings: Record<string, string> = {};
  if (flags['terra-dev-id'] !== undefined)
    settings.devId = flagValue(nonEmpty, flags['terra-dev-id'], 'terra-dev-id');
  if (flags['terra-base-url'] !== undefined)
    settings.baseUrl = flagValue(httpUrl, flags['terra-base-url'], 'terra-base-url');
  if (flags['terra-widget-url'] !== undefined)
    settings.widgetUrl = flagValue(httpUrl, flags['terra-widget-url'], 'terra-widget-url');
  const secrets: Record<string, string> = {};
  if (flags['terra-api-key'] !== undefined)
    secrets.apiKey = flagValue(nonEmpty, flags['terra-api-key'], 'terra-api-key');
  if (flags['terra-webhook-secret'] !== undefined) {
    secrets.webhookSecret = flagValue(nonEmpty, flags['terra-webhook-secret'], 'terra-webhook-secret');
  }
  patch.sourceSettings = settings;
  patch.sourceSecrets = secrets;
  const updated = await updateTenant(db, { tenantId: tenant.id, patch });
  const changed = Object.keys(flags).filter((flag) => flag !== 'tenant');
  await recordAuditEvent(db, {
    tenantId: tenant.id,
    actor: operator,
    action: 'tenant.updated',
    subjectId: tenant.id,
    data: { fields: changed },
  });
  return { tenant: publicTenant(updated), ...(warnings.length > 0 ? { warnings } : {}) };
}

export async function keyCreate(db: Database, args: string[]) {
  const flags = parseFlags(args, { tenant: { type: 'string' }, mode: { type: 'string' } });
  const tenant = await tenantFlag(db, flags.tenant);
  const mode = flagValue(
    z.enum(['test', 'live'], { error: 'must be test or live' }),
    flags.mode ?? 'test',
    'mode',
  );
  const { apiKey, prefix } = await createApiKey(db, { tenantId: tenant.id, mode });
  await recordAuditEvent(db, {
    tenantId: tenant.id,
    actor: operator,
    action: 'api_key.created',
    data: { prefix },
  });
  return { api_key: apiKey };
}

export async function keyRevoke(db: Database, args: string[]) {
  const flags = parseFlags(args, { tenant: { type: 'string' }, prefix: { type: 'string' } });
  const tenant = await tenantFlag(db, flags.tenant);
  const prefix = flagValue(
    z.string().regex(/^cp_(test|live)_[A-Za-z0-9_-]{4,}$/, 'must look like cp_test_abcd'),
    flags.prefix,
    'prefix',
  );
  const { revoked } = await revokeApiKey(db, { tenantId: tenant.id, prefix });
  await recordAuditEvent(db, {
    tenantId: tenant.id,
    actor: operator,
    action: 'api_key.revoked',
    data: { prefix },
  });
  return { revoked, prefix };
}

export async function domainAdd(db: Database, args: string[]) {
  const flags = parseFlags(args, { tenant: { type: 'string' }, domain: { type: 'string' } });
  const tenant = await tenantFlag(db, flags.tenant);
  const domain = await addTenantDomain(db, {
    tenantId: tenant.id,
    domain: flagValue(domainName, flags.domain, 'domain'),
  });
  await recordAuditEvent(db, {
    tenantId: tenant.id,
    actor: operator,
    action: 'domain.added',
    subjectId: domain.id,
  });
  return { domain: publicDomain(domain) };
}

export async function domainVerify(db: Database, args: string[]) {
  const flags = parseFlags(args, {
    tenant: { type: 'string' },
    domain: { type: 'string' },
    force: { type: 'boolean' },
  });
  const tenant = await tenantFlag(db, flags.tenant);
  const domain = await verifyTenantDomain(db, {
    tenantId: tenant.id,
    domain: flagValue(domainName, flags.domain, 'domain'),
    force: flags.force === true,
  });
  await recordAuditEvent(db, {
    tenantId: tenant.id,
    actor: operator,
    action: 'domain.verified',
    subjectId: domain.id,
    data: { forced: flags.force === true },
  });
  return { domain: publicDomain(domain) };
}
