import { loadPortalSession } from '@/lib/auth/load-portal-session';
import { readSessionCookie, sessionSetCookie } from '@/lib/auth/current-session-cookie';
import { encodeSessionToken } from '@/lib/auth/session-token';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import type { Locale } from '@/lib/i18n/locales';
import { chooseLocale } from '@/lib/i18n/negotiate-locale';
import { logger } from '@/lib/log';
import { clientOrigin } from '@/lib/security/client-origin';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { isAllowedRedeemPost } from './cross-site-guard';
import {
  LINK_PAGE_HEADERS,
  type LinkProblem,
  interstitialPage,
  linkProblemPage,
  switchAccountPage,
} from './link-pages';
import { lookUpPortalLink } from './look-up-portal-link';
import { type PortalLinkRow, intentTarget, linkState } from './portal-link-row';
import { redeemPortalLink } from './redeem-portal-link';

type LinkRequest = { hostSegment: string; token: string };

const PROBLEM_STATUS: Record<LinkProblem, number> = {
  unknown: 404,
  expired: 410,
  used: 410,
  cross_site: 403,
  rate_limited: 429,
};

function html(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...LINK_PAGE_HEADERS, ...headers } });
}

type Page = { tenant: Tenant; locale: Locale };

/** The link's language when it names one, else the browser's, else the tenant's default. */
function pageFor(request: Request, tenant: Tenant, link?: { locale: string | null }): Page {
  const locale = chooseLocale({
    linkLocale: link?.locale,
    acceptLanguage: request.headers.get('accept-language'),
    tenantDefault: tenant.defaultLocale,
  });
  return { tenant, locale };
}

function problem(
  page: Page,
  kind: LinkProblem,
  returnUrl?: string | null,
  headers: Record<string, string> = {},
): Response {
  return html(linkProblemPage({ ...page, problem: kind, returnUrl }), PROBLEM_STATUS[kind], headers);
}

function notFoundResponse(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function redirect(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, {
    status: 303,
    headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'same-origin', ...headers },
  });
}

async function currentSession(tenant: Tenant) {
  const db = await getDb();
  return loadPortalSession(db, {
    cookieValue: await readSessionCookie(),
    tenantId: tenant.id,
    idleMinutes: tenant.sessionIdleMinutes,
  });
}

/** The link for this request's client, or the response that ends the request (429 or 404). */
async function lookUp(
  request: Request,
  tenant: Tenant,
  token: string,
): Promise<{ link: PortalLinkRow } | { response: Response }> {
  const lookup = await lookUpPortalLink(await getDb(), {
    tenantId: tenant.id,
    token,
    clientIp: clientOrigin(request.headers).ip,
    failureLimitPerMinute: getEnv().LINK_FAILURE_LIMIT_PER_MINUTE,
  });
  if (lookup.kind === 'found') return { link: lookup.link };
  const page = pageFor(request, tenant);
  if (lookup.kind === 'unknown') return { response: problem(page, 'unknown') };
  return {
    response: problem(page, 'rate_limited', null, { 'retry-after': String(lookup.retryAfterSeconds) }),
  };
}

// GET /l/{token}: never changes the link; scanners that only GET can't burn it.
export async function showPortalLink(
  request: Request,
  { hostSegment, token }: LinkRequest,
): Promise<Response> {
  const tenant = await getTenantForHostSegment(hostSegment);
  if (!tenant) return notFoundResponse();
  const found = await lookUp(request, tenant, token);
  if ('response' in found) return found.response;
  const { link } = found;
  const page = pageFor(request, tenant, link);
  const state = linkState(link);
  const session = await currentSession(tenant);
  if (state === 'used') {
    // The browser that redeemed it, while its session lives, goes straight back to the portal.
    if (session.kind === 'valid' && session.session.id === link.redeemedSessionId)
      return redirect(intentTarget(link));
    return problem(page, 'used', link.returnUrl);
  }
  if (state === 'expired') return problem(page, 'expired', link.returnUrl);
  if (session.kind === 'valid' && session.session.referenceId !== link.referenceId) {
    return html(switchAccountPage({ ...page, userLabel: link.userLabel }));
  }
  // E-mail scanners run JavaScript, so e-mailed links always wait for a real click.
  return html(
    interstitialPage({ ...page, userLabel: link.userLabel, autoSubmit: link.channel === 'redirect' }),
  );
}

// POST /l/{token}: a plain form post redeems the link once and signs the browser in.
export async function submitPortalLink(
  request: Request,
  { hostSegment, token }: LinkRequest,
): Promise<Response> {
  const tenant = await getTenantForHostSegment(hostSegment);
  if (!tenant) return notFoundResponse();
  const host = decodeURIComponent(hostSegment);
  if (!isAllowedRedeemPost(request.headers, `${getEnv().PORTAL_PUBLIC_SCHEME}://${host}`)) {
    logger.warn('portal_link.cross_site_post_refused', { tenantId: tenant.id });
    return problem(pageFor(request, tenant), 'cross_site');
  }
  const found = await lookUp(request, tenant, token);
  if ('response' in found) return found.response;
  const { link } = found;
  const db = await getDb();
  const page = pageFor(request, tenant, link);
  const session = await currentSession(tenant);
  const state = linkState(link);
  if (state === 'used') {
    if (session.kind === 'valid' && session.session.id === link.redeemedSessionId)
      return redirect(intentTarget(link));
    return problem(page, 'used', link.returnUrl);
  }
  if (state === 'expired') return problem(page, 'expired', link.returnUrl);

  const form = await request.formData().catch(() => new FormData());
  const switching = session.kind === 'valid' && session.session.referenceId !== link.referenceId;
  if (switching && form.get('confirm_switch') !== '1')
    return html(switchAccountPage({ ...page, userLabel: link.userLabel }));

  const redemption = await redeemPortalLink(db, {
    tenant,
    token,
    replacesSessionId: session.kind === 'valid' ? session.session.id : undefined,
    origin: clientOrigin(request.headers),
  });
  if (!redemption) return problem(page, 'used', link.returnUrl); // another request won the race
  const cookie = await encodeSessionToken({
    sid: redemption.session.id,
    tid: tenant.id,
    ref: redemption.session.referenceId,
  });
  logger.info('portal_link.redeemed', {
    tenantId: tenant.id,
    linkId: link.id,
    sessionId: redemption.session.id,
  });
  return redirect(intentTarget(link), { 'set-cookie': sessionSetCookie(cookie) });
}
