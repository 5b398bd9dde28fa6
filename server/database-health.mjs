// @ts-check
/**
 * Whether the database failed lately, shared by server/start.mjs and the app's bundles through
 * globalThis (Next loads lib/ in bundles of its own, in the same process). lib/db marks a failure when
 * a query cannot reach the database; the server then answers a readable 503 instead of a 500, and
 * for a short while answers every request with it without trying (SPEC §18).
 */
const holder = /** @type {typeof globalThis & { __portalDatabaseFailedAt?: number }} */ (globalThis);

/** How long after a failure requests are answered 503 without trying; then one may try again. */
export const OUTAGE_HOLD_MS = 2000;

/** Connection-level failures: the database is not there (as opposed to a query it refused). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);
// SQLSTATE class 08 (connection exception), admin shutdown, crash shutdown, cannot connect now, too many connections.
const UNREACHABLE_SQLSTATES = /^(08...|57P01|57P02|57P03|53300)$/;

/**
 * True when an error (or its cause, as drizzle wraps driver errors) means the database cannot be reached.
 * @param {unknown} error
 */
export function isDatabaseUnreachable(error) {
  let current = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const { code, message } = /** @type {{ code?: unknown, message?: unknown }} */ (current);
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNREACHABLE_SQLSTATES.test(code)))
      return true;
    if (
      typeof message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect/i.test(message)
    )
      return true;
    current = /** @type {{ cause?: unknown }} */ (current).cause;
  }
  return false;
}

export function markDatabaseUnreachable() {
  holder.__portalDatabaseFailedAt = Date.now();
}

/** A query went through: the outage, if there was one, is over. */
export function markDatabaseReachable() {
  holder.__portalDatabaseFailedAt = 0;
}

/** When the database last failed to answer (0: not since this process started). */
export function databaseFailedAt() {
  return holder.__portalDatabaseFailedAt ?? 0;
}

/** True within OUTAGE_HOLD_MS of the last failure. */
export function isInOutageHold(now = Date.now()) {
  return now - databaseFailedAt() < OUTAGE_HOLD_MS;
}
