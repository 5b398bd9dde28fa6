import { sql } from 'drizzle-orm';
import type { Client as PgClient } from 'pg';
import type { DbOrTx } from '@/lib/db/client';

/**
 * Tells every instance that a tenant or one of its domains changed, so in-process lookups (host →
 * tenant, and the brand and settings that come with the row) are dropped within moments instead of
 * waiting out their TTL (SPEC §18). PostgreSQL's NOTIFY carries it between processes, delivered when
 * the change commits; an embedded PGlite has one process, which forgets at once.
 */
const CHANNEL = 'portal_tenants_changed';

// Next loads a module once per bundle: every copy's cache registers here, on the process.
const holder = globalThis as typeof globalThis & { __portalTenantChangeListeners?: Set<() => void> };
const forgetters = (holder.__portalTenantChangeListeners ??= new Set());

/** Registers a cache's forget function, called on every change anywhere. */
export function onTenantChange(forget: () => void): void {
  forgetters.add(forget);
}

function forgetAll(): void {
  for (const forget of forgetters) forget();
}

/** After a change: this process forgets now, the others when PostgreSQL delivers the notification. */
export async function announceTenantChange(db: DbOrTx): Promise<void> {
  forgetAll();
  await db.execute(sql`select pg_notify(${CHANNEL}, '')`);
}

const RECONNECT_MS = 1_000;

/**
 * Listens on its own PostgreSQL connection for changes made by other processes (instances, the CLI).
 * A lost connection is re-established every second; caches are dropped on reconnecting, because a
 * change may have been announced while nobody listened.
 */
export function listenForTenantChanges(databaseUrl: string): { stop: () => Promise<void> } {
  let stopped = false;
  let current: PgClient | undefined;
  const retry = () => {
    current = undefined;
    if (!stopped) setTimeout(() => void connect(), RECONNECT_MS).unref();
  };
  const connect = async () => {
    const { Client } = (await import('pg')).default;
    const client = new Client({ connectionString: databaseUrl });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL) forgetAll();
    });
    client.on('error', () => {
      client.end().catch(() => undefined);
      retry();
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      if (stopped) return void (await client.end());
      current = client;
      forgetAll();
    } catch {
      await client.end().catch(() => undefined);
      retry();
    }
  };
  void connect();
  return {
    stop: async () => {
      stopped = true;
      await current?.end().catch(() => undefined);
    },
  };
}
