// The REST API of section 3, served under both `/v2` and `/api/v2` (the router strips those).
import { randomUUID } from 'node:crypto';
import type { EmulatorContext, RouteRequest } from './context.js';
import type { Developer, TerraUser } from './types.js';
import { authenticateDeveloper, headerValue } from './credentials.js';
import { disconnectUser } from './connections.js';
import { parseJsonBody, pickStrings, sendJson, sendProblem, sendStatusMessage } from './http-io.js';
import type { Parsed } from './http-io.js';
import { findProvider, listProviders } from './providers.js';
import { checkRedirectUrls, consentPageUrl, createWidgetSession } from './widget-routes.js';

type Handler = (ctx: EmulatorContext, request: RouteRequest, developer: Developer) => void;
type PublicHandler = (ctx: EmulatorContext, request: RouteRequest) => void;

const PUBLIC_ROUTES: Record<string, PublicHandler> = {
  'GET /integrations': listIntegrations,
  'GET /integrations/detailed': listDetailedIntegrations,
};

const AUTHENTICATED_ROUTES: Record<string, Handler> = {
  'POST /auth/authenticateUser': authenticateUser,
  'POST /auth/generateWidgetSession': generateLegacyWidgetSession,
  'GET /userInfo': getUserInfo,
  'DELETE /auth/deauthenticateUser': deauthenticateUser,
};

const KNOWN_PATHS = new Set(
  [...Object.keys(PUBLIC_ROUTES), ...Object.keys(AUTHENTICATED_ROUTES)].map((key) => key.split(' ')[1]),
);

export function handleRestRoute(ctx: EmulatorContext, request: RouteRequest): void {
  const key = `${request.method} ${request.path}`;
  const publicHandler = PUBLIC_ROUTES[key];
  if (publicHandler !== undefined) {
    publicHandler(ctx, request);
    return;
  }
  const handler = AUTHENTICATED_ROUTES[key];
  if (handler === undefined) {
    const status = KNOWN_PATHS.has(request.path) ? 405 : 404;
    sendProblem(request.res, status, `No route for ${key}`, request.fullPath);
    return;
  }
  const developer = authenticateDeveloper(ctx.state, request.req);
  if (developer === null) {
    sendProblem(request.res, 401, 'Missing or invalid dev-id / x-api-key', request.fullPath);
    return;
  }
  handler(ctx, request, developer);
}

// POST /auth/authenticateUser?resource=OURA — direct auth link; the user exists from now on
function authenticateUser(ctx: EmulatorContext, request: RouteRequest, developer: Developer): void {
  const { res, fullPath } = request;
  const resource = request.query.get('resource');
  if (resource === null || resource.trim() === '') {
    sendProblem(res, 400, 'resource is required', fullPath);
    return;
  }
  const provider = findProvider(resource);
  if (provider === undefined) {
    sendProblem(res, 404, `Unknown resource: ${resource}`, fullPath);
    return;
  }
  if (provider.isSdkOnly) {
    sendProblem(res, 400, `${provider.provider} connects through the mobile SDK only`, fullPath);
    return;
  }
  const fields = parseAuthBody(request);
  if (!fields.ok) {
    sendProblem(res, 400, fields.message, fullPath);
    return;
  }
  const pending = ctx.state.createUser({
    devId: developer.devId,
    provider: provider.provider,
    referenceId: fields.value.reference_id,
    isPending: true,
  });
  const session = ctx.state.createSession(
    {
      kind: 'direct',
      devId: developer.devId,
      referenceId: fields.value.reference_id,
      providers: [provider.provider],
      language: fields.value.language,
      successRedirectUrl: fields.value.auth_success_redirect_url,
      failureRedirectUrl: fields.value.auth_failure_redirect_url,
      pendingUserId: pending.user.user_id,
    },
    developer.settings.widgetExpiresIn,
  );
  sendJson(res, 200, {
    status: 'success',
    user_id: pending.user.user_id,
    auth_url: consentPageUrl(ctx, session.sessionId),
  });
}

const AUTH_BODY_FIELDS = [
  'reference_id',
  'language',
  'auth_success_redirect_url',
  'auth_failure_redirect_url',
] as const;

type AuthBody = Record<(typeof AUTH_BODY_FIELDS)[number], string | null>;

function parseAuthBody(request: RouteRequest): Parsed<AuthBody> {
  const body = parseJsonBody(request.req, request.rawBody);
  if (!body.ok) return body;
  const fields = pickStrings(body.value, AUTH_BODY_FIELDS);
  if (!fields.ok) return fields;
  const redirects = checkRedirectUrls(fields.value);
  return redirects.ok ? fields : redirects;
}

// POST /auth/generateWidgetSession — legacy widget session; 410 for "new" accounts
function generateLegacyWidgetSession(
  ctx: EmulatorContext,
  request: RouteRequest,
  developer: Developer,
): void {
  if (developer.settings.legacyWidgetGone) {
    sendStatusMessage(request.res, 410, 'This endpoint is gone: use /api/widget/session');
    return;
  }
  const body = parseJsonBody(request.req, request.rawBody);
  const reply = body.ok ? createWidgetSession(ctx, developer, body.value) : body;
  if (!reply.ok) {
    sendStatusMessage(request.res, 400, reply.message);
    return;
  }
  sendJson(request.res, 200, reply.value);
}

// GET /userInfo?user_id=… | ?reference_id=… — one user, or the users of a reference id
function getUserInfo(ctx: EmulatorContext, request: RouteRequest, developer: Developer): void {
  const { query, res, fullPath } = request;
  const userId = query.get('user_id');
  if (userId !== null) {
    const stored = ctx.state.findUser(developer.devId, userId);
    if (stored === undefined) {
      sendProblem(res, 404, 'User not found', fullPath);
      return;
    }
    sendJson(res, 200, {
      user: {
        ...stored.user,
        last_polled_at: stored.user.created_at,
        most_recent_data_at: stored.user.created_at,
      },
      status: 'success',
      is_authenticated: !stored.isPending,
    });
    return;
  }
  const referenceId = query.get('reference_id');
  if (referenceId === null) {
    sendProblem(res, 404, 'Pass user_id or reference_id', fullPath);
    return;
  }
  const users = ctx.state.listConnectedUsers(developer.devId, referenceId).map((s) => s.user);
  const match = { method: request.method, path: request.path, devId: developer.devId };
  if (ctx.state.faults.take(match, ['foreign_row']).length > 0) {
    users.push(foreignUser(ctx, referenceId));
  }
  sendJson(res, 200, developer.settings.userInfoBareArray ? users : { users });
}

/** A row for someone else's reference_id, as the `foreign_row` fault promises. */
function foreignUser(ctx: EmulatorContext, referenceId: string): TerraUser {
  return {
    user_id: randomUUID(),
    provider: 'OURA',
    reference_id: `${referenceId}-someone-else`,
    created_at: new Date(ctx.state.now()).toISOString(),
    last_webhook_update: null,
    scopes: findProvider('OURA')?.scopes ?? '',
    active: true,
  };
}

// DELETE /auth/deauthenticateUser?user_id=… — disconnect; `deauth` webhook follows
function deauthenticateUser(ctx: EmulatorContext, request: RouteRequest, developer: Developer): void {
  const userId = request.query.get('user_id');
  const stored = userId === null ? undefined : ctx.state.findUser(developer.devId, userId);
  if (stored === undefined) {
    sendProblem(request.res, 404, 'User not found', request.fullPath);
    return;
  }
  disconnectUser(ctx, developer, stored);
  sendJson(request.res, 200, { status: 'success' });
}

// GET /integrations — public provider list
function listIntegrations(_ctx: EmulatorContext, request: RouteRequest): void {
  sendJson(request.res, 200, {
    providers: listProviders({ includeSdk: false }).map((info) => info.provider),
    sdk_providers: listProviders({ includeSdk: true })
      .filter((info) => info.isSdkOnly)
      .map((info) => info.provider),
    status: 'success',
  });
}

// GET /integrations/detailed[?sdk=true] — public; a known dev-id marks its enabled set
function listDetailedIntegrations(ctx: EmulatorContext, request: RouteRequest): void {
  const devId = headerValue(request.req, 'dev-id');
  const enabled =
    devId === null ? null : (ctx.state.developers.get(devId)?.settings.enabledProviders ?? null);
  const includeSdk = request.query.get('sdk') === 'true';
  const providers = listProviders({ includeSdk }).map((info) => ({
    provider: info.provider,
    name: info.name,
    icon: `${ctx.baseUrl}/assets/providers/${info.provider.toLowerCase()}.svg`,
    enabled: enabled === null || enabled.includes(info.provider),
  }));
  sendJson(request.res, 200, { status: 'success', providers });
}
