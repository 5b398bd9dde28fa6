import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea, createdAt } from './columns';
import { SOURCE_NAMES } from '@/lib/connections/vocabulary';

// Tenants and what belongs to them alone: logo, custom domains, API keys.

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  source: text('source', { enum: SOURCE_NAMES }).notNull().default('sandbox'),
  accentColor: text('accent_color').notNull().default('#0f766e'),
  logoUrl: text('logo_url'),
  /** SHA-256 of the uploaded logo in tenant_logos (null = none); it versions the logo's URL. */
  logoFileSha256: text('logo_file_sha256'),
  supportUrl: text('support_url'),
  privacyUrl: text('privacy_url'),
  /** The tenant's app (web or a universal link): the exit pages' "Back to {tenant}" when no return URL is known. */
  appUrl: text('app_url'),
  /** Where a user asks the tenant for a new portal link (exit pages' "Get a new link", with ?reason=). */
  linkRequestUrl: text('link_request_url'),
  showPoweredBy: boolean('show_powered_by').notNull().default(true),
  theme: text('theme', { enum: ['auto', 'light', 'dark'] })
    .notNull()
    .default('auto'),
  defaultLocale: text('default_locale').notNull().default('en'),
  allowedReturnOrigins: jsonb('allowed_return_origins').$type<string[]>().notNull().default([]),
  /** null = every provider the source offers. */
  enabledProviders: jsonb('enabled_providers').$type<string[] | null>(),
  sessionIdleMinutes: integer('session_idle_minutes').notNull().default(30),
  sessionAbsoluteHours: integer('session_absolute_hours').notNull().default(12),
  /** Source settings; secrets inside are AES-256-GCM ciphertexts bound to this row. */
  sourceConfig: jsonb('source_config').$type<Record<string, string>>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A tenant's uploaded logo, sanitised before it is stored and served only from the tenant's own host. */
export const tenantLogos = pgTable('tenant_logos', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  contentType: text('content_type', { enum: ['image/png', 'image/svg+xml', 'image/webp'] }).notNull(),
  data: bytea('data').notNull(),
  sha256: text('sha256').notNull(),
  createdAt: createdAt(),
});

export const tenantDomains = pgTable(
  'tenant_domains',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    verificationToken: text('verification_token').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('tenant_domains_domain_uq').on(t.domain),
    index('tenant_domains_tenant_idx').on(t.tenantId),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** The visible start of the key, e.g. cp_test_ab12cd34, used to name it when revoking. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    mode: text('mode', { enum: ['test', 'live'] }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('api_keys_hash_uq').on(t.keyHash),
    index('api_keys_tenant_idx').on(t.tenantId, t.prefix),
  ],
);
