import type { z } from 'zod';
import { PortalError, type PortalErrorType } from '@/lib/errors';
import { SourceUnavailableError } from '@/lib/connections/sources/connection-source';
import { describeError } from '@/lib/db/errors';
import { logger } from '@/lib/log';
import { isDatabaseUnreachable } from '@/server/database-health.mjs';

const STATUS: Record<PortalErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found: 404,
  conflict: 409,
  rate_limit_error: 429,
  api_error: 500,
};

export type ErrorBody = { error: { type: PortalErrorType; code: string; message: string; param?: string } };

export function errorResponse(
  error: PortalError,
  extraHeaders: Record<string, string> = {},
  status = STATUS[error.type],
): Response {
  const body: ErrorBody = {
    error: {
      type: error.type,
      code: error.code,
      message: error.message,
      ...(error.param ? { param: error.param } : {}),
    },
  };
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...extraHeaders };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return Response.json(body, { status, headers });
}

/** The value at a zod issue's path in what was parsed; undefined when nothing is there. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Reflect.get(value, key);
  }
  return value;
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * The first zod issue as an error naming the field (`return_url`, or `body` for the whole document).
 * `input` is what was parsed: zod 4 reports a missing field and a wrong type alike (`invalid_type`,
 * without the input unless asked), so the value at the issue's path tells them apart.
 */
export function validationError(issues: z.core.$ZodIssue[], input: unknown): PortalError {
  const issue = issues[0];
  if (issue?.code === 'unrecognized_keys') {
    return new PortalError({
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      message: `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`,
      param: issue.keys.join(','),
    });
  }
  const param = issue?.path.map(String).join('.') || 'body';
  if (issue?.code === 'invalid_type') {
    const isMissing = valueAt(input, issue.path) === undefined;
    return new PortalError({
      type: 'invalid_request_error',
      code: isMissing ? 'parameter_missing' : 'parameter_invalid',
      message: isMissing ? `${param} is required.` : `${param} must be ${withArticle(issue.expected)}.`,
      param,
    });
  }
  return new PortalError({
    type: 'invalid_request_error',
    code: 'parameter_invalid',
    message: `${param}: ${issue?.message ?? 'is invalid'}`,
    param,
  });
}

/** Anything unexpected becomes a generic 500 envelope; details go to the log, never to the client. */
export function toErrorResponse(error: unknown, requestId?: string): Response {
  if (error instanceof PortalError) return errorResponse(error);
  if (error instanceof SourceUnavailableError) {
    logger.warn('api.platform_unavailable', { requestId, kind: error.kind });
    const message = `The data platform could not complete the request (${error.kind}); nothing was changed. Try again.`;
    return errorResponse(
      new PortalError({ type: 'api_error', code: 'platform_unavailable', message }),
      {},
      502,
    );
  }
  if (isDatabaseUnreachable(error)) {
    logger.error('api.database_unavailable', { requestId, error: describeError(error) });
    const message =
      'The service is temporarily unavailable; nothing was changed. Retry after the number of seconds in Retry-After.';
    return errorResponse(
      new PortalError({ type: 'api_error', code: 'service_unavailable', message, retryAfterSeconds: 5 }),
      {},
      503,
    );
  }
  logger.error('api.unhandled_error', { requestId, error: describeError(error) });
  return errorResponse(
    new PortalError({
      type: 'api_error',
      code: 'internal',
      message: 'Something went wrong on our side. Try again.',
    }),
  );
}
