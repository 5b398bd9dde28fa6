/** Maps driver errors (pg and PGlite share SQLSTATE codes) to what services care about. */
function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/**
 * An error as one log-safe line. drizzle's "Failed query: … params: …" carries the query's values
 * (session ids, reference ids), so a driver error is described by its cause and code only.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const source = error.message.startsWith('Failed query') && cause ? cause : error;
  const code = sqlState(source) ?? (source as { code?: unknown }).code;
  const firstLine = source.message.split('\n')[0] ?? '';
  return `${source.name}: ${firstLine.replace(/params:.*$/, '')}${typeof code === 'string' ? ` (${code})` : ''}`;
}
