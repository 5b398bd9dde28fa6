// The pages a browser sees: the consent page behind every widget `url` and `auth_url`,
// the default landing page after the redirect, and provider icons.
import type { EmulatorContext, RouteRequest } from './context.js';
import type { AuthSession, Developer } from './types.js';
import { allowConnection, denyConnection } from './connections.js';
import { renderConsentPage, renderMessagePage, renderProviderIcon } from './consent-page.js';
import { sendHtml, sendRedirect } from './http-io.js';
import { findProvider, listProviders } from './providers.js';
import type { ProviderInfo } from './providers.js';
import { appendRedirectParams } from './redirect-url.js';
import { DEFAULT_PROVIDER_ACCOUNT } from './state.js';

const SESSION_PAGE = /^\/widget\/session\/([A-Za-z0-9_-]+)$/;
const PROVIDER_ICON = /^\/assets\/providers\/([a-z_]+)\.svg$/;
const COMPLETE_PAGE = '/widget/complete';

/** Serves the request if it is one of these pages; returns false otherwise. */
export function handlePageRoute(ctx: EmulatorContext, request: RouteRequest): boolean {
  const sessionId = SESSION_PAGE.exec(request.path)?.[1];
  if (sessionId !== undefined && (request.method === 'GET' || request.method === 'POST')) {
    const open = loadOpenSession(ctx, request, sessionId);
    if (open === null) return true;
    if (request.method === 'GET') showConsent(request, open.session, null);
    else answerConsent(ctx, request, open);
    return true;
  }
  if (request.path === COMPLETE_PAGE && request.method === 'GET') {
    sendHtml(
      request.res,
      200,
      renderMessagePage({
        title: 'You can close this tab',
        message: 'Terra sent you back to this page because no redirect URL was set.',
        details: Object.fromEntries(request.query),
      }),
    );
    return true;
  }
  const iconName = PROVIDER_ICON.exec(request.path)?.[1];
  if (iconName !== undefined && request.method === 'GET') {
    sendIcon(request, iconName);
    return true;
  }
  return false;
}

type OpenSession = { session: AuthSession; developer: Developer };

/** The session if it can still be answered; otherwise sends the matching end page. */
function loadOpenSession(ctx: EmulatorContext, request: RouteRequest, sessionId: string): OpenSession | null {
  const session = ctx.state.sessions.get(sessionId);
  const developer = session === undefined ? undefined : ctx.state.developers.get(session.devId);
  if (session === undefined || developer === undefined) {
    sendHtml(
      request.res,
      404,
      renderMessagePage({
        title: 'Session not found',
        message: 'This connection link does not exist. Start again from the app.',
      }),
    );
    return null;
  }
  if (ctx.state.isExpired(session)) {
    sendHtml(
      request.res,
      410,
      renderMessagePage({
        title: 'This link has expired',
        message: 'Connection links only live a short while. Go back to the app and start again.',
      }),
    );
    return null;
  }
  if (session.isCompleted) {
    sendHtml(
      request.res,
      410,
      renderMessagePage({
        title: 'This link was already used',
        message: 'Go back to the app and start again to connect another device.',
      }),
    );
    return null;
  }
  return { session, developer };
}

function providerChoices(session: AuthSession): ProviderInfo[] {
  if (session.providers.length === 0) return listProviders({ includeSdk: false });
  return session.providers.flatMap((value) => findProvider(value) ?? []);
}

function showConsent(
  request: RouteRequest,
  session: AuthSession,
  form: { error: string; provider: string | null; account: string } | null,
): void {
  const html = renderConsentPage({
    sessionId: session.sessionId,
    devId: session.devId,
    referenceId: session.referenceId,
    providerChoices: providerChoices(session),
    selectedProvider: form?.provider ?? null,
    providerAccount: form?.account ?? DEFAULT_PROVIDER_ACCOUNT,
    error: form?.error ?? null,
  });
  sendHtml(request.res, form === null ? 200 : 400, html);
}

// POST /widget/session/<id> — the Allow or Deny button
function answerConsent(ctx: EmulatorContext, request: RouteRequest, open: OpenSession): void {
  const { session, developer } = open;
  const form = new URLSearchParams(request.rawBody);
  const provider = chosenProvider(session, form.get('provider'));
  const account = form.get('provider_account')?.trim() || DEFAULT_PROVIDER_ACCOUNT;
  const decision = form.get('decision');
  const fallbackUrl = `${ctx.baseUrl}${COMPLETE_PAGE}`;
  if (decision === 'deny') {
    denyConnection(ctx, developer, session);
    const target = session.failureRedirectUrl ?? fallbackUrl;
    sendRedirect(
      request.res,
      appendRedirectParams(target, {
        userId: null,
        resource: provider,
        referenceId: session.referenceId,
      }),
    );
    return;
  }
  if (decision !== 'allow' || provider === null) {
    const error = decision !== 'allow' ? 'Choose Allow or Deny.' : 'Choose a provider first.';
    showConsent(request, session, { error, provider, account });
    return;
  }
  const stored = allowConnection(ctx, developer, session, { provider, providerAccount: account });
  const target = session.successRedirectUrl ?? fallbackUrl;
  sendRedirect(
    request.res,
    appendRedirectParams(target, {
      userId: stored.user.user_id,
      resource: provider,
      referenceId: session.referenceId,
    }),
  );
}

/** The fixed provider, or the picked one if it is among the choices. */
function chosenProvider(session: AuthSession, picked: string | null): string | null {
  const choices = providerChoices(session);
  const [onlyChoice] = choices;
  if (choices.length === 1 && onlyChoice !== undefined) return onlyChoice.provider;
  const info = picked === null ? undefined : findProvider(picked);
  return info !== undefined && choices.includes(info) ? info.provider : null;
}

function sendIcon(request: RouteRequest, iconName: string): void {
  const info = findProvider(iconName.toUpperCase());
  const svg = renderProviderIcon(info?.name ?? iconName);
  request.res.writeHead(info === undefined ? 404 : 200, {
    'content-type': 'image/svg+xml',
    'content-length': Buffer.byteLength(svg),
  });
  request.res.end(svg);
}
