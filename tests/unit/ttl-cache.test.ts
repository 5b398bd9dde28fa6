import { describe, expect, it } from 'vitest';
import { TtlCache } from '@/lib/cache/ttl-cache';

describe('TtlCache', () => {
  it('keeps an entry for its time to live and not a millisecond longer', () => {
    const cache = new TtlCache<string>({ ttlMs: 30_000, maxEntries: 10 });
    cache.set('acme.example.com', 'ten_acme', undefined, 1_000);
    expect(cache.get('acme.example.com', 30_999)).toBe('ten_acme');
    expect(cache.get('acme.example.com', 31_000)).toBeUndefined();
  });

  it('lets an entry expire sooner than the cache would, never later', () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 10 });
    cache.set('cookie-a', 'claims', 5_000, 0);
    cache.set('cookie-b', 'claims', 120_000, 0);
    expect(cache.get('cookie-a', 4_999)).toBe('claims');
    expect(cache.get('cookie-a', 5_000)).toBeUndefined();
    expect(cache.get('cookie-b', 59_999)).toBe('claims');
    expect(cache.get('cookie-b', 60_000)).toBeUndefined();
  });

  it('starts over when full, and caches null as a value (an unknown host)', () => {
    const cache = new TtlCache<string | null>({ ttlMs: 1_000, maxEntries: 2 });
    cache.set('a', null, undefined, 0);
    cache.set('b', 'B', undefined, 0);
    expect(cache.get('a', 1)).toBeNull();
    cache.set('c', 'C', undefined, 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('c', 1)).toBe('C');
  });
});
