// @ts-check
/**
 * Work that must finish before the process exits on SIGTERM (the webhook worker releasing its
 * leases). server/start.mjs owns the signal and runs these while it drains HTTP; code inside Next
 * (which may load its own copy of this module) registers through the same globalThis entry.
 */
const KEY = Symbol.for('connections-portal.shutdown-tasks');

/** @returns {Set<() => Promise<void>> | undefined} */
function tasks() {
  return /** @type {Record<symbol, Set<() => Promise<void>> | undefined>} */ (
    /** @type {unknown} */ (globalThis)
  )[KEY];
}

/** Called by server/start.mjs before Next starts: from then on it owns SIGTERM and SIGINT. */
export function takeOverShutdown() {
  /** @type {Record<symbol, Set<() => Promise<void>>>} */ (/** @type {unknown} */ (globalThis))[KEY] ??=
    new Set();
}

/** Registers work to await on shutdown; false when no coordinator runs (plain `next start`). @param {() => Promise<void>} task */
export function onShutdown(task) {
  const registered = tasks();
  registered?.add(task);
  return registered !== undefined;
}

/** Runs every registered task at once; a failing task does not stop the others. */
export async function runShutdownTasks() {
  await Promise.allSettled([...(tasks() ?? [])].map((task) => task()));
}
