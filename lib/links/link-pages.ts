import { createHash } from 'node:crypto';
import { brandTheme } from '@/lib/branding/brand-theme';
import { escapeHtml } from '@/lib/security/escape-html';
import type { Tenant } from '@/lib/tenants/tenant';

/*
 * The magic-link pages are plain HTML with no framework JavaScript: they load nothing from anywhere
 * (the token is in the URL, so nothing may see it in a Referer), and render in a few milliseconds.
 */
const AUTO_SUBMIT_SCRIPT = "document.getElementById('continue-form').submit();";
const AUTO_SUBMIT_HASH = createHash('sha256').update(AUTO_SUBMIT_SCRIPT).digest('base64');

export const LINK_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${AUTO_SUBMIT_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
};

function styles(tenant: Tenant): string {
  const { light, dark } = brandTheme(tenant.accentColor);
  return `
:root{color-scheme:light dark;--bg:#f4f5f7;--card:#fff;--text:#111827;--muted:#4b5563;--accent:${light.accent};--on-accent:${light.onAccent};--accent-text:${light.accentText}}
@media (prefers-color-scheme:dark){:root{--bg:#111827;--card:#0b1120;--text:#f3f4f6;--muted:#cbd5e1;--accent:${dark.accent};--on-accent:${dark.onAccent};--accent-text:${dark.accentText}}}
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--text);font:16px/1.5 ui-sans-serif,system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;padding:1rem}
main{width:100%;max-width:28rem;background:var(--card);border-radius:1rem;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.brand{font-weight:600;color:var(--accent-text);margin:0 0 1rem}h1{font-size:1.375rem;line-height:1.3;margin:0 0 .5rem}p{color:var(--muted);margin:.5rem 0}
button{margin-top:1.5rem;width:100%;min-height:2.75rem;border:0;border-radius:.5rem;background:var(--accent);color:var(--on-accent);font:inherit;font-weight:600;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid var(--accent-text);outline-offset:2px}a{color:var(--accent-text)}.secondary{display:block;margin-top:1rem;text-align:center}`;
}

function document(tenant: Tenant, title: string, body: string, script = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="same-origin"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${escapeHtml(tenant.name)}</title><style>${styles(tenant)}</style></head><body><main><p class="brand">${escapeHtml(tenant.name)}</p>${body}</main>${script}</body></html>`;
}

export function interstitialPage(input: {
  tenant: Tenant;
  userLabel: string | null;
  autoSubmit: boolean;
}): string {
  const { tenant } = input;
  const heading = `Continue to manage your devices at ${tenant.name}`;
  const label = input.userLabel ? `<p>for ${escapeHtml(input.userLabel)}</p>` : '';
  const form = `<form id="continue-form" method="post"><button type="submit">Continue</button></form>`;
  const script = input.autoSubmit ? `<script>${AUTO_SUBMIT_SCRIPT}</script>` : '';
  return document(tenant, 'Continue', `<h1>${escapeHtml(heading)}</h1>${label}${form}`, script);
}

export function switchAccountPage(input: { tenant: Tenant; userLabel: string | null }): string {
  const { tenant } = input;
  const who = input.userLabel ? ` for ${escapeHtml(input.userLabel)}` : '';
  const body =
    `<h1>Switch account?</h1><p>This browser is already signed in to ${escapeHtml(tenant.name)} as someone else. ` +
    `Continuing signs that account out and opens this link${who}.</p>` +
    `<form method="post"><input type="hidden" name="confirm_switch" value="1"><button type="submit">Continue</button></form>` +
    `<a class="secondary" href="/devices">Stay with the current account</a>`;
  return document(tenant, 'Switch account', body);
}

export type LinkProblem = 'unknown' | 'expired' | 'used' | 'cross_site' | 'rate_limited';

const PROBLEMS: Record<LinkProblem, { title: string; text: (tenant: string) => string }> = {
  unknown: {
    title: "This link isn't valid",
    text: (t) => `Check that you opened the whole link, or ask ${t} for a new one.`,
  },
  expired: {
    title: 'This link has expired',
    text: (t) => `Links work for a limited time. Ask ${t} for a new link.`,
  },
  used: {
    title: 'This link has already been used',
    text: (t) => `Each link works once. Ask ${t} for a new link.`,
  },
  cross_site: {
    title: 'This request came from another site',
    text: () => 'For your safety nothing was changed. Open the link again from your app or e-mail.',
  },
  rate_limited: { title: 'Too many attempts', text: () => 'Wait a minute, then open the link again.' },
};

export function linkProblemPage(input: {
  tenant: Tenant;
  problem: LinkProblem;
  returnUrl?: string | null;
}): string {
  const { tenant, problem } = input;
  const copy = PROBLEMS[problem];
  const back = input.returnUrl
    ? `<a class="secondary" href="${escapeHtml(input.returnUrl)}">Back to ${escapeHtml(tenant.name)}</a>`
    : '';
  return document(
    tenant,
    copy.title,
    `<h1>${escapeHtml(copy.title)}</h1><p>${escapeHtml(copy.text(tenant.name))}</p>${back}`,
  );
}
