import type { z } from 'zod';
import { PortalError, type PortalErrorType } from '@/lib/errors';
import { SourceUnavailableError } from '@/lib/connections/sources/connection-source';
import { logger } from '@/lib/log';

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

/** The first zod issue as an error naming the field (`return_url`, or `body` for the whole document). */
export function validationError(issues: z.core.$ZodIssue[]): PortalError {
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
  const missing = issue?.code === 'invalid_type' && issue.input === undefined;
  return new PortalError({
    type: 'invalid_request_error',
    code: missing ? 'parameter_missing' : 'parameter_invalid',
    message: missing ? `${param} is required.` : `${param}: ${issue?.message ?? 'is invalid'}`,
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
  logger.error('api.unhandled_error', {
    requestId,
    error: error instanceof Error ? error.message : String(error),
  });
  return errorResponse(
    new PortalError({
      type: 'api_error',
      code: 'internal',
      message: 'Something went wrong on our side. Try again.',
    }),
  );
}
