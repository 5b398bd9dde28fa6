import { describe, expect, inject, it } from 'vitest';
import { tokenFromUrl } from '../support/api';
import { type HttpResult, multipartForm, request } from '../support/http';
import { tenantOf } from '../support/factories';

const origin = inject('origin');
const root = inject('rootDomain');
const acme = tenantOf('acme');
const acmeHost = acme.host;
const globexHost = `globex.${root}`;
const acmeOrigin = `http://${acmeHost}`;

/** Each link's label repeats its reference id, so a page showing "Signed in as …" names the user. */
async function mint(body: Record<string, unknown> = {}) {
  const referenceId = `user-${Math.random().toString(36).slice(2)}`;
  const res = await acme.api.mintLink({
    reference_id: referenceId,
    user_label: referenceId,
    ...body,
  });
  expect(res.status).toBe(201);
  const link = res.json<{ url: string; reference_id: string; id: string }>();
  return { ...link, token: tokenFromUrl(link.url) };
}

function redeem(token: string, headers: Record<string, string> = {}, host = acmeHost, body = '') {
  return request(origin, {
    host,
    path: `/l/${token}`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

function sessionCookie(res: HttpResult): string {
  const header = res.headers['set-cookie']?.find((c) => c.startsWith('cp_session='));
  if (!header) throw new Error(`no session cookie (status ${res.status})`);
  return header.split(';')[0] ?? '';
}

describe('GET /l/{token}', () => {
  it('renders the interstitial without redeeming, with no-store, same-origin referrer and nothing external', async () => {
    const link = await mint({ user_label: 'j***@example.com' });
    for (let i = 0; i < 3; i += 1) {
      const res = await request(origin, { host: acmeHost, path: `/l/${link.token}` });
      expect(res.status).toBe(200);
      expect(res.body).toContain('Continue to manage your devices at Acme Health');
      expect(res.body).toContain('for j***@example.com');
      expect(res.body).toMatch(
        /<form id="continue-form" method="post"><button type="submit">Continue<\/button><\/form>/,
      );
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.body).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(res.body).not.toContain('/_next/');
    }
    expect((await redeem(link.token)).status).toBe(303);
  });

  it('auto-submits for channel=redirect and never for channel=email', async () => {
    const redirectLink = await mint();
    const emailLink = await mint({ channel: 'email', expires_in: 604800 });
    expect((await request(origin, { host: acmeHost, path: `/l/${redirectLink.token}` })).body).toContain(
      '<script>',
    );
    expect((await request(origin, { host: acmeHost, path: `/l/${emailLink.token}` })).body).not.toContain(
      '<script',
    );
  });

  it('escapes the user label', async () => {
    const link = await mint({ user_label: '<img src=x onerror=alert(1)>' });
    const res = await request(origin, { host: acmeHost, path: `/l/${link.token}` });
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(res.body).not.toContain('<img');
  });
});

describe('POST /l/{token}', () => {
  it('redeems with a plain form post: session cookie, 303 to the portal, single use', async () => {
    const link = await mint();
    const res = await redeem(link.token);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/devices');
    const cookie = res.headers['set-cookie']?.find((c) => c.startsWith('cp_session=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    const devices = await request(origin, {
      host: acmeHost,
      path: '/devices',
      headers: { cookie: sessionCookie(res) },
    });
    expect(devices.status).toBe(200);
    expect(devices.body).toContain(link.reference_id);
    expect(devices.body).not.toContain(link.token);
    const again = await redeem(link.token);
    expect(again.status).toBe(410);
    expect(again.body).toContain('already been used');
  });

  it('lets exactly one of 20 concurrent redemptions win', async () => {
    const link = await mint();
    const results = await Promise.all(Array.from({ length: 20 }, () => redeem(link.token)));
    const winners = results.filter((r) => r.status === 303);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 410)).toHaveLength(19);
  });

  it.each([
    ['a foreign Origin', { origin: `http://${globexHost}` }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    [
      'Sec-Fetch-Site: same-site (a sibling tenant)',
      { 'sec-fetch-site': 'same-site', origin: `http://${globexHost}` },
    ],
  ])('refuses %s with 403 and leaves the link usable', async (_name, headers) => {
    const link = await mint();
    const refused = await redeem(link.token, headers);
    expect(refused.status).toBe(403);
    expect(refused.headers['set-cookie']).toBeUndefined();
    const ok = await redeem(link.token, { origin: acmeOrigin, 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(303);
  });

  it("treats another tenant's token as unknown on this host", async () => {
    const link = await mint();
    const onGlobex = await redeem(link.token, {}, globexHost);
    expect(onGlobex.status).toBe(404);
    expect(onGlobex.body).not.toContain('Acme');
    expect((await request(origin, { host: globexHost, path: `/l/${link.token}` })).status).toBe(404);
    expect((await redeem(link.token)).status).toBe(303);
  });

  it('answers unknown and expired links with friendly pages and the return link', async () => {
    const unknown = await request(origin, { host: acmeHost, path: `/l/${'A'.repeat(43)}` });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('This link isn&#39;t valid');
    const garbage = await request(origin, { host: acmeHost, path: '/l/%3Cscript%3E' });
    expect(garbage.status).toBe(404);
    for (const method of ['GET', 'POST']) {
      const expired = await request(origin, { host: acmeHost, path: `/l/${acme.expiredLinkToken}`, method });
      expect(expired.status).toBe(410);
      expect(expired.body).toContain('This link has expired');
      expect(expired.body).toContain('href="https://app.acme.test/"');
      expect(expired.body).toContain('Back to Acme Health');
      expect(expired.headers['set-cookie']).toBeUndefined();
    }
  });

  it('does not carry an acme session over to globex', async () => {
    const link = await mint();
    const cookie = sessionCookie(await redeem(link.token));
    const onGlobex = await request(origin, { host: globexHost, path: '/devices', headers: { cookie } });
    expect(onGlobex.status).toBe(307);
    expect(onGlobex.headers.location).toContain('/expired');
  });

  it('sign-out revokes the session so a copied cookie stops working', async () => {
    const link = await mint();
    const cookie = sessionCookie(await redeem(link.token));
    expect((await request(origin, { host: acmeHost, path: '/devices', headers: { cookie } })).status).toBe(
      200,
    );
    // Sign out through the same server action the button uses, as a no-JS form post.
    const page = await request(origin, { host: acmeHost, path: '/devices', headers: { cookie } });
    const actionId = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(page.body)?.[1];
    expect(actionId).toBeTruthy();
    const form = multipartForm({ [`$ACTION_ID_${actionId}`]: '' });
    const signOut = await request(origin, {
      host: acmeHost,
      path: '/devices',
      method: 'POST',
      headers: { cookie, 'content-type': form.contentType, origin: acmeOrigin },
      body: form.body,
    });
    expect(signOut.status).toBe(303);
    expect(signOut.headers.location).toBe('/signed-out');
    const after = await request(origin, { host: acmeHost, path: '/devices', headers: { cookie } });
    expect(after.status).toBe(307);
    expect(after.headers.location).toContain('/expired?reason=session');
  });

  it('asks before switching a browser signed in as another user of the tenant', async () => {
    const first = await mint();
    const cookie = sessionCookie(await redeem(first.token));
    const second = await mint();
    const shown = await request(origin, { host: acmeHost, path: `/l/${second.token}`, headers: { cookie } });
    expect(shown.body).toContain('Switch account?');
    expect(shown.body).not.toContain('<script>');
    const unconfirmed = await redeem(second.token, { cookie });
    expect(unconfirmed.status).toBe(200);
    expect(unconfirmed.body).toContain('Switch account?');
    const confirmed = await redeem(second.token, { cookie }, acmeHost, 'confirm_switch=1');
    expect(confirmed.status).toBe(303);
    const newCookie = sessionCookie(confirmed);
    expect(
      (await request(origin, { host: acmeHost, path: '/devices', headers: { cookie: newCookie } })).body,
    ).toContain(second.reference_id);
    // The old session was signed out by the switch.
    expect((await request(origin, { host: acmeHost, path: '/devices', headers: { cookie } })).status).toBe(
      307,
    );
  });

  it('sends the browser that redeemed a link back to the portal when it opens the link again', async () => {
    const link = await mint();
    const cookie = sessionCookie(await redeem(link.token));
    const reopened = await request(origin, { host: acmeHost, path: `/l/${link.token}`, headers: { cookie } });
    expect(reopened.status).toBe(303);
    expect(reopened.headers.location).toBe('/devices');
  });
});
