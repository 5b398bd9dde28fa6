import type { z } from 'zod';
import type { AuditActor, RequestOrigin } from '@/lib/audit/record-audit-event';
import { getDb, type Database } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { PortalError, notFound } from '@/lib/errors';
import { clientOrigin } from '@/lib/security/client-origin';
import { hitRateLimit } from '@/lib/security/rate-limit';
import { type AuthenticatedKey, authenticateApiKey } from './api-keys';
import { errorResponse, toErrorResponse, validationError } from './errors';
import {
  IDEMPOTENCY_KEY_PATTERN,
  beginIdempotentRequest,
  completeIdempotentRequest,
  releaseIdempotencyKey,
} from './idempotency';
import { parseJsonBody, readBodyText } from './read-json-body';

export type ApiResult = { status: number; body: unknown };

export type ApiContext<Body, Params, Query> = {
  db: Database;
  key: AuthenticatedKey;
  tenantId: string;
  body: Body;
  params: Params;
  query: Query;
  actor: AuditActor;
  origin: RequestOrigin;
};

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

type RouteContext = { params: Promise<Record<string, string | string[]>> };

function authError(code: string, message: string): PortalError {
  return new PortalError({ type: 'authentication_error', code, message });
}

async function authenticate(db: Database, request: Request): Promise<AuthenticatedKey> {
  const header = request.headers.get('authorization');
  if (!header) throw authError('api_key_missing', 'Send your API key as "Authorization: Bearer cp_test_…".');
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1])
    throw authError('api_key_malformed', 'The Authorization header must be "Bearer <API key>".');
  const key = await authenticateApiKey(db, match[1]);
  if (!key) throw authError('api_key_invalid', 'The API key is invalid or has been revoked.');
  return key;
}

/** Parses one part of the request with the route's schema; a route that declares none gets undefined. */
function parsePart<S extends z.ZodType | undefined>(
  schema: S | undefined,
  read: () => unknown,
  refuse: (issues: z.core.$ZodIssue[], input: unknown) => PortalError,
): Output<S> {
  if (!schema) return undefined as Output<S>;
  const input = read();
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw refuse(parsed.error.issues, input);
  return parsed.data as Output<S>;
}

/**
 * Every /api/v1 handler goes through here: API key → rate limit → body (≤ 64 KiB, JSON, zod) →
 * Idempotency-Key replay → handler → error envelope. The tenant is the API key's, nothing else.
 */
export function apiRoute<
  BodySchema extends z.ZodType | undefined = undefined,
  ParamsSchema extends z.ZodType | undefined = undefined,
  QuerySchema extends z.ZodType | undefined = undefined,
>(options: {
  body?: BodySchema;
  params?: ParamsSchema;
  query?: QuerySchema;
  handler: (
    context: ApiContext<Output<BodySchema>, Output<ParamsSchema>, Output<QuerySchema>>,
  ) => Promise<ApiResult>;
}) {
  return async (request: Request, routeContext: RouteContext): Promise<Response> => {
    let idempotency: { tenantId: string; key: string } | undefined;
    let db: Database | undefined;
    try {
      db = await getDb();
      const key = await authenticate(db, request);
      const limit = await hitRateLimit(db, {
        key: `api:${key.keyId}`,
        limit: getEnv().API_RATE_LIMIT_PER_MINUTE,
        windowSeconds: 60,
      });
      if (!limit.allowed) {
        throw new PortalError({
          type: 'rate_limit_error',
          code: 'rate_limited',
          message: 'Too many requests with this API key. Retry after the number of seconds in Retry-After.',
          retryAfterSeconds: limit.retryAfterSeconds,
        });
      }
      const hasBody = request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH';
      const text = hasBody ? await readBodyText(request) : '';
      const body = parsePart(options.body, () => parseJsonBody(text), validationError);
      const pathParams = await routeContext.params;
      // A path that cannot name anything is simply not found.
      const params = parsePart(
        options.params,
        () => pathParams,
        (issues) => notFound('resource', issues[0]?.path.map(String).join('.')),
      );
      const query = parsePart(
        options.query,
        () => Object.fromEntries(new URL(request.url).searchParams),
        validationError,
      );
      const idempotencyKey = request.headers.get('idempotency-key');
      if (idempotencyKey !== null && request.method === 'POST') {
        if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
          throw new PortalError({
            type: 'invalid_request_error',
            code: 'parameter_invalid',
            message: 'Idempotency-Key must be 1–255 visible ASCII characters.',
            param: 'Idempotency-Key',
          });
        }
        const path = new URL(request.url).pathname;
        const started = await beginIdempotentRequest(db, {
          tenantId: key.tenantId,
          key: idempotencyKey,
          method: request.method,
          path,
          body: text,
        });
        if (started.kind === 'replay') {
          return new Response(started.response.body, {
            status: started.response.status,
            headers: {
              'content-type': 'application/json',
              'idempotent-replayed': 'true',
              'cache-control': 'no-store',
            },
          });
        }
        idempotency = { tenantId: key.tenantId, key: idempotencyKey };
      }
      const result = await options.handler({
        db,
        key,
        tenantId: key.tenantId,
        body,
        params,
        query,
        actor: { type: 'api', id: key.keyId },
        origin: clientOrigin(request.headers),
      });
      const json = JSON.stringify(result.body);
      if (idempotency)
        await completeIdempotentRequest(db, {
          ...idempotency,
          response: { status: result.status, body: json },
        });
      return new Response(json, {
        status: result.status,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    } catch (error) {
      if (idempotency && db) {
        if (error instanceof PortalError && error.type !== 'api_error') {
          const response = errorResponse(error);
          await completeIdempotentRequest(db, {
            ...idempotency,
            response: { status: response.status, body: await response.clone().text() },
          });
          return response;
        }
        await releaseIdempotencyKey(db, idempotency).catch(() => undefined);
      }
      if (error instanceof PortalError && error.code === 'body_too_large')
        return errorResponse(error, {}, 413);
      return toErrorResponse(error, request.headers.get('x-request-id') ?? undefined);
    }
  };
}
