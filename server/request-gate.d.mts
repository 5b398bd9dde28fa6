// Types for request-gate.mjs (plain JavaScript so that `node server/start.mjs` runs it without a build).
export type Refusal = {
  status: 400 | 405 | 413;
  code: string;
  message: string;
  headers?: Record<string, string>;
};
export type GateRequest = {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
};
export const ACTION_BODY_LIMIT: number;
export const LINK_BODY_LIMIT: number;
export const ANY_BODY_LIMIT: number;
export function isUsableRouterStateTree(value: string | undefined): boolean;
export function refusalFor(request: GateRequest): Refusal | null;
export const INTERNAL_RESPONSE_HEADERS: string[];
