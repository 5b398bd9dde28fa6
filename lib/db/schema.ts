import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Raw bytes; pg returns a Buffer and PGlite a Uint8Array, so both are read back as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  source: text('source', { enum: ['sandbox', 'terra'] })
    .notNull()
    .default('sandbox'),
  accentColor: text('accent_color').notNull().default('#0f766e'),
  logoUrl: text('logo_url'),
  /** SHA-256 of the uploaded logo in tenant_logos (null = none); it versions the logo's URL. */
  logoFileSha256: text('logo_file_sha256'),
  supportUrl: text('support_url'),
  privacyUrl: text('privacy_url'),
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

export const auditEvents = pgTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    actorType: text('actor_type', { enum: ['end_user', 'api', 'operator', 'platform', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    subjectId: text('subject_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_events_tenant_idx').on(t.tenantId, t.createdAt)],
);

export const portalLinks = pgTable(
  'portal_links',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    referenceId: text('reference_id').notNull(),
    intent: text('intent', { enum: ['manage', 'connect', 'reconnect', 'disconnect'] }).notNull(),
    provider: text('provider'),
    connectionId: text('connection_id'),
    returnUrl: text('return_url'),
    locale: text('locale'),
    channel: text('channel', { enum: ['redirect', 'email'] }).notNull(),
    userLabel: text('user_label'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
    redeemedSessionId: text('redeemed_session_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('portal_links_token_uq').on(t.tokenHash),
    index('portal_links_tenant_idx').on(t.tenantId, t.createdAt),
  ],
);

export const portalSessions = pgTable(
  'portal_sessions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    referenceId: text('reference_id').notNull(),
    linkId: text('link_id').notNull(),
    locale: text('locale'),
    returnUrl: text('return_url'),
    /** The link's user_label (e.g. a masked e-mail), shown so users with several accounts know which one this is. */
    userLabel: text('user_label'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('portal_sessions_tenant_idx').on(t.tenantId, t.referenceId)],
);

export const connections = pgTable(
  'connections',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    referenceId: text('reference_id').notNull(),
    provider: text('provider').notNull(),
    source: text('source', { enum: ['sandbox', 'terra'] }).notNull(),
    status: text('status', {
      enum: ['pending', 'active', 'reauth_required', 'error', 'disconnected'],
    }).notNull(),
    /** The platform's id for this link (Terra user_id); null for sandbox rows. */
    externalUserId: text('external_user_id'),
    scopes: jsonb('scopes').$type<string[]>().notNull().default([]),
    statusReason: text('status_reason'),
    connectedAt: timestamp('connected_at', { withTimezone: true }),
    lastDataAt: timestamp('last_data_at', { withTimezone: true }),
    disconnectedAt: timestamp('disconnected_at', { withTimezone: true }),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    syncedAt: timestamp('synced_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('connections_user_idx').on(t.tenantId, t.referenceId, t.createdAt),
    index('connections_external_idx').on(t.tenantId, t.externalUserId),
  ],
);

/** One row per connect round trip; binds the platform's redirect back to the session that started it. */
export const connectAttempts = pgTable(
  'connect_attempts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    sessionId: text('session_id').notNull(),
    referenceId: text('reference_id').notNull(),
    provider: text('provider').notNull(),
    /** Set when reconnecting an existing connection. */
    connectionId: text('connection_id'),
    stateHash: text('state_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    outcome: text('outcome'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('connect_attempts_state_uq').on(t.stateHash)],
);

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    secretCiphertext: text('secret_ciphertext').notNull(),
    /** null = every event type. */
    eventTypes: jsonb('event_types').$type<string[] | null>(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId)],
);

/** The tenant's event log and the outbox: written in the same transaction as the change. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** Monotonic order for cursor pagination (ids are random). */
    seq: integer('seq').generatedAlwaysAsIdentity(),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_events_tenant_seq_idx').on(t.tenantId, t.seq)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    eventId: text('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['pending', 'delivering', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastResponseExcerpt: text('last_response_excerpt'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_endpoint_idx').on(t.tenantId, t.endpointId, t.createdAt),
  ],
);

export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    responseExcerpt: text('response_excerpt'),
    durationMs: integer('duration_ms').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId)],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

/** Fixed-window counters shared by every app instance. */
export const rateLimitBuckets = pgTable('rate_limit_buckets', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

/** Inbound platform webhooks already processed (dedupe on the platform's trace id). */
export const inboundWebhookReceipts = pgTable(
  'inbound_webhook_receipts',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    traceId: text('trace_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.source, t.traceId] })],
);
