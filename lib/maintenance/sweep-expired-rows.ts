import { type SQL, and, inArray, isNotNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { IDEMPOTENCY_RETENTION_MS } from '@/lib/api/idempotency';
import type { DbOrTx } from '@/lib/db/client';
import {
  connectAttempts,
  idempotencyKeys,
  inboundWebhookReceipts,
  portalLinks,
  portalSessions,
  rateLimitBuckets,
  webhookDeliveries,
  webhookEvents,
} from '@/lib/db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;
/** An expired link still explains itself ("This link has expired") for a week, then is unknown. */
const EXPIRED_LINK_KEPT_MS = 7 * DAY_MS;
/** Sessions and connect attempts past their end are kept a day, for support questions. */
const ENDED_KEPT_MS = DAY_MS;
const RATE_WINDOW_KEPT_MS = 60 * 60 * 1000;

export type SweepCounts = Record<
  | 'events'
  | 'links'
  | 'sessions'
  | 'connectAttempts'
  | 'idempotencyKeys'
  | 'rateLimitBuckets'
  | 'inboundReceipts',
  number
>;

/** Deletes up to `batchSize` rows matching `where` at a time (ctid: tables without one id column too). */
async function deleteInBatches(db: DbOrTx, table: PgTable, where: SQL, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db.execute(
      sql`delete from ${table} where ctid in (select ctid from ${table} where ${where} limit ${batchSize}) returning 1`,
    );
    const deleted = (result as unknown as { rows: unknown[] }).rows.length;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/**
 * Deletes what nobody may ask for again (SPEC §18, retention): events older than the retention
 * whose deliveries are all final (their deliveries and attempts go with them), and expired links,
 * sessions, connect attempts, idempotency keys, rate-limit windows and inbound-webhook receipts.
 * The audit log is kept.
 */
export async function sweepExpiredRows(
  db: DbOrTx,
  options: { now: Date; webhookRetentionDays: number; batchSize?: number },
): Promise<SweepCounts> {
  const { now, batchSize = 1000 } = options;
  const before = (ms: number) => new Date(now.getTime() - ms);
  const retention = before(options.webhookRetentionDays * DAY_MS);
  const stillToSend = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        sql`${webhookDeliveries.eventId} = ${webhookEvents.id}`,
        inArray(webhookDeliveries.status, ['pending', 'delivering']),
      ),
    );
  const ended = before(ENDED_KEPT_MS);
  return {
    events: await deleteInBatches(
      db,
      webhookEvents,
      and(lt(webhookEvents.createdAt, retention), notExists(stillToSend)) as SQL,
      batchSize,
    ),
    links: await deleteInBatches(
      db,
      portalLinks,
      lt(portalLinks.expiresAt, before(EXPIRED_LINK_KEPT_MS)),
      batchSize,
    ),
    sessions: await deleteInBatches(
      db,
      portalSessions,
      or(
        lt(portalSessions.absoluteExpiresAt, ended),
        lt(portalSessions.idleExpiresAt, ended),
        and(isNotNull(portalSessions.revokedAt), lt(portalSessions.revokedAt, ended)),
      ) as SQL,
      batchSize,
    ),
    connectAttempts: await deleteInBatches(
      db,
      connectAttempts,
      lt(connectAttempts.expiresAt, ended),
      batchSize,
    ),
    idempotencyKeys: await deleteInBatches(
      db,
      idempotencyKeys,
      lt(idempotencyKeys.createdAt, before(IDEMPOTENCY_RETENTION_MS)),
      batchSize,
    ),
    rateLimitBuckets: await deleteInBatches(
      db,
      rateLimitBuckets,
      lt(rateLimitBuckets.windowStart, before(RATE_WINDOW_KEPT_MS)),
      batchSize,
    ),
    inboundReceipts: await deleteInBatches(
      db,
      inboundWebhookReceipts,
      lt(inboundWebhookReceipts.createdAt, retention),
      batchSize,
    ),
  };
}
