/**
 * A small in-process cache whose entries expire: the one way this codebase keeps lookups for a while
 * (tenants by host, platform provider lists, decoded cookies, platform syncs). Past `maxEntries` it
 * starts over rather than tracking recency: entries are cheap to rebuild.
 */
export class TtlCache<Value> {
  private readonly entries = new Map<string, { value: Value; expiresAt: number }>();

  constructor(private readonly options: { ttlMs: number; maxEntries: number }) {}

  get(key: string, now = Date.now()): Value | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** `ttlMs` shortens this entry's life below the cache's own (a cookie that expires sooner). */
  set(key: string, value: Value, ttlMs = this.options.ttlMs, now = Date.now()): void {
    if (this.entries.size >= this.options.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expiresAt: now + Math.min(ttlMs, this.options.ttlMs) });
  }

  clear(): void {
    this.entries.clear();
  }
}
