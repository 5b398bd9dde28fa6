import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { rateLimitBuckets } from '@/lib/db/schema';

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * Fixed-window counter in PostgreSQL, so every app instance shares it. One atomic upsert per hit:
 * a window that has ended restarts at 1.
 */
export async function hitRateLimit(
  db: DbOrTx,
  input: { key: string; limit: number; windowSeconds: number },
): Promise<RateLimitResult> {
  const window = sql`make_interval(secs => ${input.windowSeconds})`;
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key: input.key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${rateLimitBuckets.windowStart} + ${window} <= now() then 1 else ${rateLimitBuckets.count} + 1 end`,
        windowStart: sql`case when ${rateLimitBuckets.windowStart} + ${window} <= now() then now() else ${rateLimitBuckets.windowStart} end`,
      },
    })
    .returning({
      count: rateLimitBuckets.count,
      resetsIn: sql<number>`ceil(extract(epoch from (${rateLimitBuckets.windowStart} + ${window} - now())))::int`,
    });
  const count = row?.count ?? 1;
  return {
    allowed: count <= input.limit,
    count,
    retryAfterSeconds: Math.max(1, row?.resetsIn ?? input.windowSeconds),
  };
}

/** Reads a counter without counting: for limits that only failures increase. */
export async function isRateLimited(
  db: DbOrTx,
  input: { key: string; limit: number; windowSeconds: number },
): Promise<RateLimitResult> {
  const window = sql`make_interval(secs => ${input.windowSeconds})`;
  const rows = await db
    .select({
      count: rateLimitBuckets.count,
      resetsIn: sql<number>`ceil(extract(epoch from (${rateLimitBuckets.windowStart} + ${window} - now())))::int`,
    })
    .from(rateLimitBuckets)
    .where(
      sql`${rateLimitBuckets.key} = ${input.key} and ${rateLimitBuckets.windowStart} + ${window} > now()`,
    );
  const row = rows[0];
  const count = row?.count ?? 0;
  return { allowed: count < input.limit, count, retryAfterSeconds: Math.max(1, row?.resetsIn ?? 1) };
}
