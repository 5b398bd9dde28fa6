import { getEnv } from '@/lib/env';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

// Anything shaped like one of our secrets is masked before it reaches a log line.
const SECRET_PATTERNS = [
  /cp_(test|live)_[A-Za-z0-9_-]+/g,
  /whsec_[A-Za-z0-9+/=_-]+/g,
  /\/l\/[A-Za-z0-9_-]{20,}/g,
];

function redact(text: string): string {
  return SECRET_PATTERNS.reduce(
    (out, pattern) =>
      out.replace(pattern, (match) => `${match.slice(0, match.startsWith('/l/') ? 3 : 8)}[redacted]`),
    text,
  );
}

function write(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < ORDER[getEnv().LOG_LEVEL]) return;
  const line = redact(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
}

/** JSON lines on stdout/stderr. Pass ids and counts, never tokens, keys or request bodies. */
export const logger = {
  debug: (event: string, fields?: Record<string, unknown>) => write('debug', event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write('info', event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write('warn', event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write('error', event, fields),
};
