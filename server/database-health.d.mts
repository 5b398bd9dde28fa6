// Types for database-health.mjs (plain JavaScript so that `node server/start.mjs` runs it without a build).
export const OUTAGE_HOLD_MS: number;
export function isDatabaseUnreachable(error: unknown): boolean;
export function markDatabaseUnreachable(): void;
export function markDatabaseReachable(): void;
export function databaseFailedAt(): number;
export function isInOutageHold(now?: number): boolean;
