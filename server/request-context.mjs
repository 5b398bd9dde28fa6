// @ts-check
/**
 * Per-request facts shared by server/start.mjs and the app's bundles (through globalThis, as Next
 * loads lib/ in bundles of its own): the request id, and whether a server action of ours began to
 * run. A page POST that fails with a 5xx before any action of ours ran failed on what the client sent
 * (a body React cannot decode, a cross-origin post), so the server answers it with a 4xx.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** @typedef {{ requestId: string, actionEntered: boolean, crossOriginAction: boolean }} RequestFacts */

const holder =
  /** @type {typeof globalThis & { __portalRequestContext?: AsyncLocalStorage<RequestFacts> }} */ (
    globalThis
  );
holder.__portalRequestContext ??= new AsyncLocalStorage();

export const requestContext = holder.__portalRequestContext;

/** @returns {RequestFacts | undefined} */
export function currentRequestFacts() {
  return requestContext.getStore();
}

/** Called by every server action wrapper as it starts: from here on, a failure is ours. */
export function markActionEntered() {
  const facts = requestContext.getStore();
  if (facts) facts.actionEntered = true;
}
