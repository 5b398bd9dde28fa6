// Test-only control surface under `/__emulator/` (section 7.6). No credentials needed;
// secrets are accepted here but never echoed back.
import type { EmulatorContext, RouteRequest } from './context.js';
import { disconnectUser, warnAboutUser } from './connections.js';
import { FAULT_KINDS } from './faults.js';
import { isJsonObject, sendJson } from './http-io.js';
import type { JsonObject } from './http-io.js';
import { findProvider } from './providers.js';
import { parseSettings, publicDeveloper } from './admin-settings.js';
import type { FaultKind } from './types.js';

export const ADMIN_PREFIX = '/__emulator';

type AdminHandler = (ctx: EmulatorContext, request: RouteRequest, body: JsonObject) => void;

const ADMIN_ROUTES: Record<string, AdminHandler> = {
  'POST /developers': upsertDeveloper,
  'POST /settings': updateSettings,
  'POST /reset': reset,
  'GET /state': showState,
  'GET /requests': (ctx, { res }) => sendJson(res, 200, { requests: ctx.state.requestLog }),
  'GET /webhooks': (ctx, { res }) => sendJson(res, 200, { webhooks: ctx.state.webhookLog }),
  'GET /faults': (ctx, { res }) => sendJson(res, 200, { faults: ctx.state.faults.list() }),
  'POST /faults': addFault,
  'POST /trigger': trigger,
  'POST /users': createUser,
  'POST /clock': advanceClock,
};

export function handleAdminRoute(ctx: EmulatorContext, request: RouteRequest): void {
  const handler = ADMIN_ROUTES[`${request.method} ${request.path.slice(ADMIN_PREFIX.length)}`];
  if (handler === undefined) {
    fail(request, 404, `No admin route ${request.method} ${request.path}`);
    return;
  }
  // Lenient on Content-Type so `curl -d` works; the JSON itself must be an object.
  let body: unknown = {};
  try {
    body = request.rawBody.trim() === '' ? {} : JSON.parse(request.rawBody);
  } catch {
    fail(request, 400, 'Body is not valid JSON');
    return;
  }
  if (!isJsonObject(body)) {
    fail(request, 400, 'Body must be a JSON object');
    return;
  }
  handler(ctx, request, body);
}

function fail(request: RouteRequest, status: number, message: string): void {
  sendJson(request.res, status, { status: 'error', message });
}

function stringField(body: JsonObject, key: string): string | null {
  const value = body[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

// POST /__emulator/developers {dev_id, api_key, signing_secret, webhook_url?, …settings}
function upsertDeveloper(ctx: EmulatorContext, request: RouteRequest, body: JsonObject): void {
  const devId = stringField(body, 'dev_id');
  const apiKey = stringField(body, 'api_key');
  const signingSecret = stringField(body, 'signing_secret');
  if (devId === null || apiKey === null || signingSecret === null) {
    fail(request, 400, 'dev_id, api_key and signing_secret are required strings');
    return;
  }
  const settings = parseSettings(body);
  if (!settings.ok) {
    fail(request, 400, settings.message);
    return;
  }
  const webhookUrl = 'webhook_url' in body ? stringField(body, 'webhook_url') : undefined;
  const developer = ctx.state.upsertDeveloper({
    devId,
    apiKey,
    signingSecret,
    webhookUrl,
    settings: settings.value,
  });
  sendJson(request.res, 200, { developer: publicDeveloper(developer) });
}

// POST /__emulator/settings {dev_id, webhook_url?, …settings} — change settings only
function updateSettings(ctx: EmulatorContext, request: RouteRequest, body: JsonObject): void {
  const developer = ctx.state.developers.get(stringField(body, 'dev_id') ?? '');
  if (developer === undefined) {
    fail(request, 404, 'Unknown dev_id');
    return;
  }
  const settings = parseSettings(body);
  if (!settings.ok) {
    fail(request, 400, settings.message);
    return;
  }
  const updated = ctx.state.upsertDeveloper({
    ...developer,
    webhookUrl: 'webhook_url' in body ? stringField(body, 'webhook_url') : undefined,
    settings: settings.value,
  });
  sendJson(request.res, 200, { developer: publicDeveloper(updated) });
}

// POST /__emulator/reset {all?, dev_id?} — clear users, sessions, faults, logs (and developers if all);
// with dev_id, only that developer's users, sessions, faults and logs
function reset(ctx: EmulatorContext, request: RouteRequest, body: JsonObject): void {
  ctx.state.reset({ all: body['all'] === true, devId: stringField(body, 'dev_id') });
  sendJson(request.res, 200, { status: 'success' });
}

// GET /__emulator/state — developers (no secrets), users and sessions
function showState(ctx: EmulatorContext, request: RouteRequest): void {
  const { state } = ctx;
  sendJson(request.res, 200, {
    developers: [...state.developers.values()].map(publicDeveloper),
    users: [...state.users.values()].map((stored) => ({
      dev_id: stored.devId,
      is_pending: stored.isPending,
      provider_account: stored.providerAccount,
      ...stored.user,
    })),
    sessions: [...state.sessions.values()].map((session) => ({
      session_id: session.sessionId,
      kind: session.kind,
      dev_id: session.devId,
      reference_id: session.referenceId,
      providers: session.providers,
      language: session.language,
      pending_user_id: session.pendingUserId,
      expires_at: new Date(session.expiresAtMs).toISOString(),
      is_expired: state.isExpired(session),
      is_completed: session.isCompleted,
    })),
    now: new Date(state.now()).toISOString(),
  });
}

// POST /__emulator/faults {method, path, kind, count?, ms?, retry_after?, dev_id?}
function addFault(ctx: EmulatorContext, request: RouteRequest, body: JsonObject): void {
  const kind = FAULT_KINDS.find((known) => known === body['kind']);
  const path = stringField(body, 'path');
  const count = body['count'] ?? 1;
  if (kind === undefined || path === null || typeof count !== 'number' || count < 1) {
    fail(request, 400, `path is required, count >= 1, kind one of ${FAULT_KINDS.join(', ')}`);
    return;
  }
  const fault = ctx.state.faults.add({
    method: stringField(body, 'method') ?? '*',
    path,
    kind: kind satisfies FaultKind,
    count,
    ms: typeof body['ms'] === 'number' ? body['ms'] : 0,
    retryAfterSeconds: typeof body['retry_after'] === 'number' ? body['retry_after'] : 1,
    devId: stringField(body, 'dev_id'),
  });
  sendJson(request.res, 201, { fault });
}

// POST /__emulator/trigger {dev_id, user_id, type: access_revoked|connection_error|deauth}
function trigger(ctx: EmulatorContext, request: RouteRequest, body: JsonObject): void {
  const devId = stringField(body, 'dev_id') ?? '';
  const developer = ctx.state.developers.get(devId);
  const stored = ctx.state.findUser(devId, stringField(body, 'user_id') ?? '');
  if (developer === undefined || stored === undefined) {
    fail(request, 404, 'Unknown dev_id or user_id');
    return;
  }
  const type = body['type'];
  if (type !== 'access_revoked' && type !== 'connection_error' && type !== 'deauth') {
    fail(request, 400, 'type must be access_revoked, connection_error or deauth');
    return;
  }
  const traceId =
    type === 'deauth' ? disconnectUser(ctx, developer, stored) : warnAboutUser(ctx, developer, stored, type);
  sendJson(request.res, 200, { status: 'success', trace_id: traceId });
}

// POST /__emulator/users {dev_id, provider, reference_id, provider_account?, scopes?} → {user}
function createUser(ctx: EmulatorContext, request: RouteRequest, body: JsonObject): void {
  const devId = stringField(body, 'dev_id') ?? '';
  const provider = findProvider(stringField(body, 'provider') ?? '');
  const referenceId = body['reference_id'] ?? null;
  if (!ctx.state.developers.has(devId) || provider === undefined) {
    fail(request, 400, 'dev_id must be a known developer and provider a known provider');
    return;
  }
  if (referenceId !== null && typeof referenceId !== 'string') {
    fail(request, 400, 'reference_id must be a string or null');
    return;
  }
  const stored = ctx.state.createUser({
    devId,
    provider: provider.provider,
    referenceId,
    providerAccount: stringField(body, 'provider_account') ?? undefined,
    scopes: stringField(body, 'scopes') ?? undefined,
  });
  sendJson(request.res, 201, { user: stored.user });
}

// POST /__emulator/clock {advance_seconds} — move the emulator's clock (session expiry)
function advanceClock(ctx: EmulatorContext, request: RouteRequest, body: JsonObject): void {
  const seconds = body['advance_seconds'];
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    fail(request, 400, 'advance_seconds must be a number');
    return;
  }
  ctx.state.advanceClock(seconds * 1000);
  sendJson(request.res, 200, { now: new Date(ctx.state.now()).toISOString() });
}
