import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { tenants } from './tenants';

// Magic links and the end-user sessions they open.

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
