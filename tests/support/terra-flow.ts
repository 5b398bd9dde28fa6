import { expect } from 'vitest';
import { multipartForm, request } from './http';
import { actionField } from './portal-user';

/** Starts a connect on the portal and returns where the platform sends the browser (the widget URL). */
export async function startConnect(
  origin: string,
  host: string,
  cookie: string,
  provider: string,
): Promise<URL> {
  const page = await request(origin, { host, path: '/devices', headers: { cookie } });
  const form = multipartForm({ ...actionField(page.body, `aria-label="Connect `), provider });
  const started = await request(origin, {
    host,
    path: '/devices',
    method: 'POST',
    headers: { cookie, 'content-type': form.contentType },
    body: form.body,
  });
  expect(started.status).toBe(303);
  return new URL(started.headers.location ?? '');
}

/** Answers Terra's (emulated) consent page and returns the URL Terra redirects the browser to. */
export async function answerTerraConsent(widgetUrl: URL, decision: 'allow' | 'deny'): Promise<URL> {
  const body = new URLSearchParams({ decision, provider_account: 'default' }).toString();
  const res = await request(widgetUrl.origin, {
    path: widgetUrl.pathname,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  expect(res.status).toBe(303);
  return new URL(res.headers.location ?? '');
}

/** Follows the platform's redirect back into the portal, as the browser would. */
export async function comeBack(origin: string, host: string, cookie: string, back: URL) {
  return request(origin, { host, path: `${back.pathname}${back.search}`, headers: { cookie } });
}
