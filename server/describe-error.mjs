// @ts-check
/**
 * An error as one log-safe line. drizzle's "Failed query: … params: …" carries the query's values
 * (session ids, reference ids), so a driver error is described by its cause and SQLSTATE only.
 * Shared by lib/log callers and server/start.mjs, which cannot import TypeScript.
 */

/** The first SQLSTATE-shaped code on the error or its causes (pg and PGlite share them). @param {unknown} error */
export function sqlState(error) {
  let current = error;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth += 1) {
    const code = /** @type {{ code?: unknown }} */ (current).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = /** @type {{ cause?: unknown }} */ (current).cause;
  }
  return undefined;
}

/** @param {unknown} error */
export function describeError(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const source = error.message.startsWith('Failed query') && cause ? cause : error;
  const code = sqlState(source) ?? /** @type {{ code?: unknown }} */ (source).code;
  const firstLine = (source.message.split('\n')[0] ?? '').replace(/params:.*$/, '').trim();
  const message = firstLine.startsWith('Failed query') ? 'query failed' : firstLine;
  return `${source.name}: ${message}${typeof code === 'string' ? ` (${code})` : ''}`;
}
