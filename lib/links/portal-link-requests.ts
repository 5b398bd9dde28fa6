import { type SignedIn, getPortalSession } from '@/lib/auth/get-portal-session';
import { notFoundResponse } from '@/lib/http/not-found-response';
import { sessionSetCookie } from '@/lib/auth/session-cookie';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { encodeSessionToken } from '@/lib/auth/session-token';
import { type Database, getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { chooseLocale } from '@/lib/i18n/negotiate-locale';
import { logger } from '@/lib/log';
import { clientOrigin } from '@/lib/security/client-origin';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';
import type { Tenant } from '@/lib/tenants/tenant';
import { isAllowedRedeemPost } from './cross-site-guard';
import {
  LINK_PAGE_HEADERS,
  type LinkPageContext,
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

/** The link's language when it names one, else the browser's, else the tenant's default. */
function pageFor(request: Request, tenant: Tenant, link?: { locale: string | null }): LinkPageContext {
  const locale = chooseLocale({
    linkLocale: link?.locale,
    acceptLanguage: request.headers.get('accept-language'),
    tenantDefault: tenant.defaultLocale,
  });
  return { tenant, locale };
}

function problem(
  page: LinkPageContext,
  kind: LinkProblem,
  returnUrl?: string | null,
  headers: Record<string, string> = {},
): Response {
  return html(linkProblemPage({ ...page, problem: kind, returnUrl }), PROBLEM_STATUS[kind], headers);
}

/** A 303 as a Response (route handlers return it; Next's redirect() would throw). */
function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, {
    status: 303,
    headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'same-origin', ...headers },
  });
}

/** A link that can still be redeemed, with everything both handlers need to answer it. */
type OpenLink = {
  db: Database;
  tenant: Tenant;
  link: PortalLinkRow;
  page: LinkPageContext;
  signedIn: SignedIn | null;
};

/**
 * The first half of GET and POST /l/{token}: the host's tenant, the cross-site guard (POST), the
 * throttled look-up, and the answers for a used or expired link. Either a response that ends the
 * request, or the open link.
 */
async function resolveLinkRequest(
  request: Request,
  { hostSegment, token }: LinkRequest,
  options: { isRedeem: boolean },
): Promise<{ response: Response } | OpenLink> {
  const tenant = await getTenantForHostSegment(hostSegment);
  if (!tenant) return { response: notFoundResponse() };
  const db = await getDb();
  const origin = clientOrigin(request.headers);
  if (options.isRedeem) {
    const host = decodeURIComponent(hostSegment);
    if (!isAllowedRedeemPost(request.headers, `${getEnv().PORTAL_PUBLIC_SCHEME}://${host}`)) {
      logger.warn('portal_link.cross_site_post_refused', {
        tenantId: tenant.id,
        requestId: origin.requestId,
      });
      await recordAuditEvent(db, {
        tenantId: tenant.id,
        actor: { type: 'end_user' },
        action: 'portal_link.cross_site_post_refused',
        outcome: 'refused',
        origin,
      });
      return { response: problem(pageFor(request, tenant), 'cross_site') };
    }
  }
  const lookup = await lookUpPortalLink(db, {
    tenantId: tenant.id,
    token,
    clientIp: origin.ip,
    failureLimitPerMinute: getEnv().LINK_FAILURE_LIMIT_PER_MINUTE,
  });
  if (lookup.kind === 'unknown') return { response: problem(pageFor(request, tenant), 'unknown') };
  if (lookup.kind === 'throttled') {
    const retryAfter = { 'retry-after': String(lookup.retryAfterSeconds) };
    return { response: problem(pageFor(request, tenant), 'rate_limited', null, retryAfter) };
  }
  const { link } = lookup;
  const page = pageFor(request, tenant, link);
  const signedIn = await getPortalSession(hostSegment);
  const state = linkState(link);
  if (state === 'used') {
    // The browser that redeemed it, while its session lives, goes straight back to the portal.
    if (signedIn?.session.id === link.redeemedSessionId) return { response: seeOther(intentTarget(link)) };
    return { response: problem(page, 'used', link.returnUrl) };
  }
  if (state === 'expired') return { response: problem(page, 'expired', link.returnUrl) };
  return { db, tenant, link, page, signedIn };
}

function isSwitchingUser(open: OpenLink): boolean {
  return open.signedIn !== null && open.signedIn.session.referenceId !== open.link.referenceId;
}

// GET /l/{token}: never changes the link; scanners that only GET can't burn it.
export async function showPortalLink(request: Request, linkRequest: LinkRequest): Promise<Response> {
  const open = await resolveLinkRequest(request, linkRequest, { isRedeem: false });
  if ('response' in open) return open.response;
  const { link, page } = open;
  if (isSwitchingUser(open)) return html(switchAccountPage({ ...page, userLabel: link.userLabel }));
  // E-mail scanners run JavaScript, so e-mailed links always wait for a real click.
  return html(
    interstitialPage({ ...page, userLabel: link.userLabel, autoSubmit: link.channel === 'redirect' }),
  );
}

// POST /l/{token}: a plain form post redeems the link once and signs the browser in.
export async function submitPortalLink(request: Request, linkRequest: LinkRequest): Promise<Response> {
  const open = await resolveLinkRequest(request, linkRequest, { isRedeem: true });
  if ('response' in open) return open.response;
  const { db, tenant, link, page, signedIn } = open;
  const form = await request.formData().catch(() => new FormData());
  if (isSwitchingUser(open) && form.get('confirm_switch') !== '1')
    return html(switchAccountPage({ ...page, userLabel: link.userLabel }));

  const redemption = await redeemPortalLink(db, {
    tenant,
    token: linkRequest.token,
    replacesSessionId: signedIn?.session.id,
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
  return seeOther(intentTarget(link), { 'set-cookie': sessionSetCookie(cookie) });
}
