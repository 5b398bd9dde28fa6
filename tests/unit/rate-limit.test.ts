import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/client';
import { rateLimitBuckets } from '@/lib/db/schema';
import { hitRateLimit, isRateLimited } from '@/lib/security/rate-limit';
import { memoryDbWithTenant } from '../support/memory-db';

let db: Database;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await memoryDbWithTenant());
});
afterAll(async () => close());

/** Moves a bucket's window start back, as if `seconds` had passed. */
async function age(key: string, seconds: number) {
  await db
    .update(rateLimitBuckets)
    .set({ windowStart: sql`${rateLimitBuckets.windowStart} - make_interval(secs => ${seconds})` })
    .where(eq(rateLimitBuckets.key, key));
}

describe('hitRateLimit (fixed window, one upsert per hit)', () => {
  it('allows `limit` hits in a window and refuses the next, saying when it resets', async () => {
    const input = { key: 'hit:a', limit: 3, windowSeconds: 60 };
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await hitRateLimit(db, input));
    expect(results.map((r) => [r.allowed, r.count])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
      [false, 4],
    ]);
    for (const result of results) {
      expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(50);
      expect(result.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
  });

  it('starts again at 1 once the window has ended, and counts on within it', async () => {
    const input = { key: 'hit:b', limit: 2, windowSeconds: 60 };
    await hitRateLimit(db, input);
    await hitRateLimit(db, input);
    await age('hit:b', 30);
    const within = await hitRateLimit(db, input);
    expect([within.allowed, within.count]).toEqual([false, 3]);
    expect(within.retryAfterSeconds).toBeGreaterThanOrEqual(20);
    expect(within.retryAfterSeconds).toBeLessThanOrEqual(30);
    await age('hit:b', 30);
    const after = await hitRateLimit(db, input);
    expect([after.allowed, after.count]).toEqual([true, 1]);
    expect(after.retryAfterSeconds).toBeGreaterThanOrEqual(50);
  });

  it('keeps keys apart', async () => {
    await hitRateLimit(db, { key: 'hit:c', limit: 1, windowSeconds: 60 });
    expect((await hitRateLimit(db, { key: 'hit:d', limit: 1, windowSeconds: 60 })).allowed).toBe(true);
  });
});

describe('isRateLimited (reads without counting)', () => {
  it('is allowed below the limit and limited at it, without changing the count', async () => {
    const input = { key: 'peek:a', limit: 2, windowSeconds: 60 };
    expect(await isRateLimited(db, input)).toEqual({ allowed: true, count: 0, retryAfterSeconds: 1 });
    await hitRateLimit(db, input);
    expect(await isRateLimited(db, input)).toMatchObject({ allowed: true, count: 1 });
    await hitRateLimit(db, input);
    const limited = await isRateLimited(db, input);
    expect(limited).toMatchObject({ allowed: false, count: 2 });
    expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(50);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await isRateLimited(db, input)).count).toBe(2);
  });

  it('ignores a window that has ended', async () => {
    const input = { key: 'peek:b', limit: 1, windowSeconds: 60 };
    await hitRateLimit(db, input);
    await age('peek:b', 60);
    expect(await isRateLimited(db, input)).toEqual({ allowed: true, count: 0, retryAfterSeconds: 1 });
  });
});
