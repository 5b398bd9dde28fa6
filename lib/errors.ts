/** Every failure a service reports on purpose. The API maps `type` to a status; pages map `code` to a sentence. */
export const PORTAL_ERROR_TYPES = [
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found',
  'conflict',
  'rate_limit_error',
  'api_error',
] as const;
export type PortalErrorType = (typeof PORTAL_ERROR_TYPES)[number];

export class PortalError extends Error {
  override name = 'PortalError';
  readonly type: PortalErrorType;
  readonly code: string;
  readonly param?: string;
  readonly retryAfterSeconds?: number;

  constructor(options: {
    type: PortalErrorType;
    code: string;
    message: string;
    param?: string;
    retryAfterSeconds?: number;
  }) {
    super(options.message);
    this.type = options.type;
    this.code = options.code;
    this.param = options.param;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function notFound(what: string, param?: string): PortalError {
  return new PortalError({ type: 'not_found', code: 'resource_missing', message: `No such ${what}.`, param });
}

export function invalid(param: string, message: string, code = 'parameter_invalid'): PortalError {
  return new PortalError({ type: 'invalid_request_error', code, message, param });
}
