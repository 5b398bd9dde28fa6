import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { tenants } from './tenants';
import { CONNECTION_STATUSES, SOURCE_NAMES } from '@/lib/connections/vocabulary';

// The users' wearable connections and the connect round trips that make them.

export const connections = pgTable(
  'connections',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    referenceId: text('reference_id').notNull(),
    provider: text('provider').notNull(),
    source: text('source', { enum: SOURCE_NAMES }).notNull(),
    status: text('status', {
      enum: CONNECTION_STATUSES,
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
    // One live row per platform user: the advisory lock in the services serialises the webhook and
    // the browser's return, and this keeps a missed path from ever storing the same link twice.
    uniqueIndex('connections_live_external_uq')
      .on(t.tenantId, t.externalUserId)
      .where(sql`${t.externalUserId} is not null and ${t.status} <> 'disconnected'`),
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
