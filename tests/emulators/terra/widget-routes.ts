// Widget sessions (section 3): the new endpoint at its three paths, and the shared logic the
// legacy `generateWidgetSession` reuses.
import type { EmulatorContext, RouteRequest } from './context.js';
import type { Developer } from './types.js';
import { authenticateDeveloper } from './credentials.js';
import { parseJsonBody, pickStrings, sendJson, sendStatusMessage } from './http-io.js';
import type { JsonObject, Parsed } from './http-io.js';
import { findProvider } from './providers.js';

export const WIDGET_SESSION_PATHS: readonly string[] = [
  '/api/widget/session',
  '/widget/api/session',
  '/widget/session',
];

const BODY_FIELDS = [
  'reference_id',
  'providers',
  'language',
  'auth_success_redirect_url',
  'auth_failure_redirect_url',
] as const;

export type WidgetSessionReply = {
  session_id: string;
  url: string;
  status: 'success';
  expires_in: number;
  warnings?: string[];
};

// POST /api/widget/session (and /widget/api/session, /widget/session) — start a widget flow
export function handleWidgetSession(ctx: EmulatorContext, request: RouteRequest): void {
  const { req, res } = request;
  if (request.method !== 'POST') {
    sendStatusMessage(res, 405, 'Use POST');
    return;
  }
  const developer = authenticateDeveloper(ctx.state, req);
  if (developer === null) {
    sendStatusMessage(res, 403, 'Invalid or missing dev-id / x-api-key');
    return;
  }
  const body = parseJsonBody(req, request.rawBody);
  if (!body.ok) {
    sendStatusMessage(res, 400, body.message);
    return;
  }
  const reply = createWidgetSession(ctx, developer, body.value);
  if (!reply.ok) {
    sendStatusMessage(res, 400, reply.message);
    return;
  }
  sendJson(res, 200, reply.value);
}

export function createWidgetSession(
  ctx: EmulatorContext,
  developer: Developer,
  body: JsonObject,
): Parsed<WidgetSessionReply> {
  const fields = pickStrings(body, BODY_FIELDS);
  if (!fields.ok) return fields;
  const redirects = checkRedirectUrls(fields.value);
  if (!redirects.ok) return redirects;
  const { providers, warnings } = parseProviderList(fields.value.providers);
  const expiresIn = developer.settings.widgetExpiresIn;
  const session = ctx.state.createSession(
    {
      kind: 'widget',
      devId: developer.devId,
      referenceId: fields.value.reference_id,
      providers,
      language: fields.value.language,
      successRedirectUrl: fields.value.auth_success_redirect_url,
      failureRedirectUrl: fields.value.auth_failure_redirect_url,
      pendingUserId: null,
    },
    expiresIn,
  );
  const reply: WidgetSessionReply = {
    session_id: session.sessionId,
    url: consentPageUrl(ctx, session.sessionId),
    status: 'success',
    expires_in: expiresIn,
  };
  return { ok: true, value: warnings.length > 0 ? { ...reply, warnings } : reply };
}

export function consentPageUrl(ctx: EmulatorContext, sessionId: string): string {
  return `${ctx.baseUrl}/widget/session/${sessionId}`;
}

/** `"OURA, garmin"` → known upper-case providers, with a warning for each one left out. */
function parseProviderList(value: string | null): { providers: string[]; warnings: string[] } {
  const providers: string[] = [];
  const warnings: string[] = [];
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    const info = findProvider(name);
    if (info === undefined) warnings.push(`Unknown provider: ${name}`);
    else if (info.isSdkOnly) warnings.push(`${info.provider} is only available through the mobile SDK`);
    else if (!providers.includes(info.provider)) providers.push(info.provider);
  }
  return { providers, warnings };
}

type RedirectFields = {
  auth_success_redirect_url: string | null;
  auth_failure_redirect_url: string | null;
};

export function checkRedirectUrls(fields: RedirectFields): Parsed<RedirectFields> {
  for (const key of ['auth_success_redirect_url', 'auth_failure_redirect_url'] as const) {
    const value = fields[key];
    if (value !== null && !isHttpUrl(value)) {
      return { ok: false, message: `${key} must be an absolute http(s) URL` };
    }
  }
  return { ok: true, value: fields };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
