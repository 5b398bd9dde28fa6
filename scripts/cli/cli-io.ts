import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { ConfigError } from '@/lib/env';
import { PortalError } from '@/lib/errors';
import { DataDirLockedError } from '@/lib/db/pglite-lock';

/** A mistake in how the CLI was called; printed as JSON naming the flag. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

export function parseFlags<T extends FlagSpec>(args: string[], spec: T) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(--[a-z-]+)/.exec(message)?.[1];
    throw new UsageError(message.split('\n')[0] ?? 'Invalid arguments', flag?.replace(/^--/, ''));
  }
}

/** Validates one flag with a zod schema and names the flag in the error. */
export function flagValue<S extends z.ZodType>(schema: S, value: unknown, flag: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const message = value === undefined ? 'is required' : (parsed.error.issues[0]?.message ?? 'is invalid');
    throw new UsageError(`--${flag} ${message}`, flag);
  }
  return parsed.data;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Every failure leaves as one JSON object on stderr, without stack traces or secrets. */
export function errorJson(error: unknown): {
  error: { type: string; code: string; message: string; param?: string };
} {
  if (error instanceof UsageError)
    return {
      error: { type: 'invalid_request_error', code: 'usage', message: error.message, param: error.param },
    };
  if (error instanceof PortalError)
    return { error: { type: error.type, code: error.code, message: error.message, param: error.param } };
  if (error instanceof ConfigError)
    return { error: { type: 'api_error', code: 'config_invalid', message: error.message } };
  if (error instanceof DataDirLockedError)
    return { error: { type: 'api_error', code: 'database_locked', message: error.message } };
  return {
    error: {
      type: 'api_error',
      code: 'internal',
      message: error instanceof Error ? error.message : String(error),
    },
  };
}
