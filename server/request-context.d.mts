// Types for request-context.mjs (plain JavaScript so that `node server/start.mjs` runs it without a build).
import type { AsyncLocalStorage } from 'node:async_hooks';
export type RequestFacts = { requestId: string; actionEntered: boolean; crossOriginAction: boolean };
export const requestContext: AsyncLocalStorage<RequestFacts>;
export function currentRequestFacts(): RequestFacts | undefined;
export function markActionEntered(): void;
