import { redactSecrets } from '@/server/redact-secrets.mjs';
import { getEnv } from '@/lib/env';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

function write(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < ORDER[getEnv().LOG_LEVEL]) return;
  const line = redactSecrets(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
}

/** JSON lines on stdout/stderr. Pass ids and counts, never tokens, keys or request bodies. */
export const logger = {
  debug: (event: string, fields?: Record<string, unknown>) => write('debug', event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write('info', event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write('warn', event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write('error', event, fields),
};
