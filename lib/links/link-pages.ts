import { sha256Base64 } from '@/lib/security/hash';
import { createTranslator } from 'next-intl';
import { brandCss } from '@/lib/branding/brand-theme';
import { type TenantBrand, tenantBrand } from '@/lib/branding/tenant-brand';
import type { Locale } from '@/lib/i18n/locales';
import { messagesFor } from '@/lib/i18n/messages';
import { escapeHtml } from '@/lib/security/escape-html';
import { type ExitReason, exitBackUrl, newLinkUrl } from './exit-links';
import type { Tenant } from '@/lib/tenants/tenant';

/*
 * The magic-link pages are plain HTML with no framework JavaScript: they load nothing from another
 * origin (the token is in the URL, so no one else may see it in a Referer), and render in a few
 * milliseconds. A logo is shown only when it is an upload served from this same origin.
 */
const AUTO_SUBMIT_SCRIPT = "document.getElementById('continue-form').submit();";
const AUTO_SUBMIT_HASH = sha256Base64(AUTO_SUBMIT_SCRIPT);

export const LINK_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy': `default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src 'sha256-${AUTO_SUBMIT_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
};

/** Whose page it is and in which language: every /l/ page is drawn from these two. */
export type LinkPageContext = { tenant: Tenant; locale: Locale };

function linkTranslator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: 'link' });
}

const PAGE_CSS = `*{box-sizing:border-box}body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--surface-muted);color:var(--text);font:16px/1.5 ui-sans-serif,system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;padding:1rem}
main{width:100%;max-width:28rem;background:var(--surface);border-radius:1rem;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.brand{font-weight:600;color:var(--accent-text);margin:0 0 1rem}.brand img{display:block;max-height:2.5rem;max-width:12rem}h1{font-size:1.375rem;line-height:1.3;margin:0 0 .5rem}p{color:var(--text-muted);margin:.5rem 0}
button,.action{margin-top:1.5rem;width:100%;min-height:2.75rem;border:0;border-radius:.5rem;background:var(--accent);color:var(--on-accent);font:inherit;font-weight:600;cursor:pointer}
.action{display:flex;align-items:center;justify-content:center;text-decoration:none}.action.quiet{margin-top:.75rem;background:var(--surface);color:var(--text);border:1px solid var(--border)}
button:focus-visible,a:focus-visible{outline:3px solid var(--accent-text);outline-offset:2px}a{color:var(--accent-text)}.secondary{display:block;margin-top:1rem;text-align:center}`;

function brandMark(brand: TenantBrand): string {
  if (brand.logoSrc && brand.isLogoLocal)
    return `<p class="brand"><img src="${escapeHtml(brand.logoSrc)}" alt="${escapeHtml(brand.name)}"></p>`;
  return `<p class="brand">${escapeHtml(brand.name)}</p>`;
}

function document(
  { tenant, locale }: LinkPageContext,
  title: string,
  body: string,
  script = '',
  layout = 'link',
): string {
  const brand = tenantBrand(tenant);
  const icon =
    brand.logoSrc && brand.isLogoLocal ? `<link rel="icon" href="${escapeHtml(brand.logoSrc)}">` : '';
  const css = `${brandCss(brand.theme, brand.mode, { standalone: true })}\n${PAGE_CSS}`;
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="same-origin"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${escapeHtml(tenant.name)}</title>${icon}<style>${css}</style></head><body><main data-layout="${layout}">${brandMark(brand)}${body}</main>${script}</body></html>`;
}

export function interstitialPage(
  input: LinkPageContext & { userLabel: string | null; autoSubmit: boolean },
): string {
  const t = linkTranslator(input.locale);
  const heading = t('heading', { tenant: input.tenant.name });
  const label = input.userLabel ? `<p>${escapeHtml(t('forUser', { label: input.userLabel }))}</p>` : '';
  const form = `<form id="continue-form" method="post"><button type="submit">${escapeHtml(t('continue'))}</button></form>`;
  const script = input.autoSubmit ? `<script>${AUTO_SUBMIT_SCRIPT}</script>` : '';
  return document(input, t('continueTitle'), `<h1>${escapeHtml(heading)}</h1>${label}${form}`, script);
}

export function switchAccountPage(input: LinkPageContext & { userLabel: string | null }): string {
  const t = linkTranslator(input.locale);
  const tenant = input.tenant.name;
  const text = input.userLabel
    ? t('switchTextFor', { tenant, label: input.userLabel })
    : t('switchText', { tenant });
  const body =
    `<h1>${escapeHtml(t('switchHeading'))}</h1><p>${escapeHtml(text)}</p>` +
    `<form method="post"><input type="hidden" name="confirm_switch" value="1"><button type="submit">${escapeHtml(t('continue'))}</button></form>` +
    `<a class="secondary" href="/devices">${escapeHtml(t('stay'))}</a>`;
  return document(input, t('switchTitle'), body);
}

export type LinkProblem = 'unknown' | 'expired' | 'used' | 'cross_site' | 'rate_limited';

/** newLink: the reason a "Get a new link" tells the tenant, for problems a new link solves. */
const PROBLEM_KEYS = {
  unknown: { title: 'unknownTitle', text: 'unknownText', newLink: 'expired' },
  expired: { title: 'expiredTitle', text: 'expiredText', newLink: 'expired' },
  used: { title: 'usedTitle', text: 'usedText', newLink: 'used' },
  cross_site: { title: 'crossSiteTitle', text: 'crossSiteText', newLink: null },
  rate_limited: { title: 'rateLimitedTitle', text: 'rateLimitedText', newLink: null },
} as const satisfies Record<LinkProblem, { title: string; text: string; newLink: ExitReason | null }>;

export function linkProblemPage(
  input: LinkPageContext & { problem: LinkProblem; returnUrl?: string | null },
): string {
  const t = linkTranslator(input.locale);
  const tenant = input.tenant.name;
  const keys = PROBLEM_KEYS[input.problem];
  const title = t(keys.title);
  // The same exit layout as the portal's own exit pages: the way back first, then a new link.
  const backUrl = exitBackUrl(input.tenant, input.returnUrl);
  const back = backUrl
    ? `<a class="action" href="${escapeHtml(backUrl)}">${escapeHtml(t('backTo', { tenant }))}</a>`
    : '';
  const fresh = keys.newLink ? newLinkUrl(input.tenant, keys.newLink) : null;
  const again = fresh
    ? `<a class="action quiet" href="${escapeHtml(fresh)}">${escapeHtml(t('getNewLink'))}</a>`
    : '';
  return document(
    input,
    title,
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(t(keys.text, { tenant }))}</p>${back}${again}`,
    '',
    'exit',
  );
}
