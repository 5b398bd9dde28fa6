import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { tenants } from './tenants';

// Who changed what, from where: one row per end-user, tenant or operator action.

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
    outcome: text('outcome', { enum: ['ok', 'refused'] })
      .notNull()
      .default('ok'),
    subjectId: text('subject_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_events_tenant_idx').on(t.tenantId, t.createdAt)],
);
