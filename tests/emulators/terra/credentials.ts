// `dev-id` + `x-api-key` (section 2). The key is compared in constant time and never logged.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Developer } from './types.js';
import type { EmulatorState } from './state.js';

export function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** The developer whose dev-id and API key both match, or null. */
export function authenticateDeveloper(state: EmulatorState, req: IncomingMessage): Developer | null {
  const devId = headerValue(req, 'dev-id');
  const apiKey = headerValue(req, 'x-api-key');
  if (devId === null || apiKey === null) return null;
  const developer = state.developers.get(devId);
  if (developer === undefined) return null;
  return isSameSecret(apiKey, developer.apiKey) ? developer : null;
}

// Hashing first gives equal-length buffers, so timingSafeEqual never throws on length.
function isSameSecret(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
