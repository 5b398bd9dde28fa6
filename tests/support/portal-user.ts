import { expect } from 'vitest';
import { apiClient, tokenFromUrl } from './api';
import { multipartForm, request } from './http';

/** Signs in over plain HTTP the way a browser without JavaScript does: mint, then POST the link. */
export async function signInOverHttp(origin: string, host: string, apiKey: string, referenceId: string) {
  const minted = await apiClient(origin, apiKey).mintLink({ reference_id: referenceId });
  expect(minted.status).toBe(201);
  const token = tokenFromUrl(minted.json<{ url: string }>().url);
  const redeemed = await request(origin, { host, path: `/l/${token}`, method: 'POST' });
  expect(redeemed.status).toBe(303);
  const cookie = redeemed.headers['set-cookie']?.find((c) => c.startsWith('cp_session='))?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return { cookie };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Finds a server action's id in a page, as a no-JS form post would carry it. */
export function actionField(html: string, buttonText: string): Record<string, string> {
  const index = html.indexOf(buttonText);
  const before = html.slice(0, index);
  const formStart = before.lastIndexOf('<form');
  const form = html.slice(formStart, index);
  const fields: Record<string, string> = {};
  for (const match of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    fields[decodeEntities(match[1] ?? '')] = decodeEntities(match[2] ?? '');
  }
  return fields;
}

/** Posts a Connect or Reconnect button's no-JS form on /devices; returns where the source sends the browser. */
async function pressDevicesButton(
  origin: string,
  host: string,
  cookie: string,
  buttonText: string,
  fields: Record<string, string>,
): Promise<URL> {
  const page = await request(origin, { host, path: '/devices', headers: { cookie } });
  const form = multipartForm({ ...actionField(page.body, buttonText), ...fields });
  const started = await request(origin, {
    host,
    path: '/devices',
    method: 'POST',
    headers: { cookie, 'content-type': form.contentType },
    body: form.body,
  });
  expect(started.status).toBe(303);
  return new URL(started.headers.location ?? '', `http://${host}`);
}

/** Answers the sandbox consent page with Allow and follows the way back through /devices/return. */
async function allowSandboxConsent(origin: string, host: string, cookie: string, authorizeUrl: URL) {
  const state = authorizeUrl.searchParams.get('state') ?? '';
  const consent = await request(origin, {
    host,
    path: `${authorizeUrl.pathname}${authorizeUrl.search}`,
    headers: { cookie },
  });
  const allowForm = multipartForm({ ...actionField(consent.body, '>Allow<'), state, decision: 'allow' });
  const decided = await request(origin, {
    host,
    path: `${authorizeUrl.pathname}${authorizeUrl.search}`,
    method: 'POST',
    headers: { cookie, 'content-type': allowForm.contentType },
    body: allowForm.body,
  });
  expect(decided.status).toBe(303);
  const back = new URL(decided.headers.location ?? '', `http://${host}`);
  const returned = await request(origin, {
    host,
    path: `${back.pathname}${back.search}`,
    headers: { cookie },
  });
  expect(returned.status).toBe(303);
  return returned.headers.location ?? '';
}

/** Runs the sandbox connect flow over HTTP: Connect → consent Allow → /devices/return. Returns the new connection id. */
export async function connectSandboxDevice(
  origin: string,
  host: string,
  cookie: string,
  provider: string,
): Promise<string> {
  const authorizeUrl = await pressDevicesButton(
    origin,
    host,
    cookie,
    `aria-label="Connect ${provider.charAt(0)}`,
    { provider },
  );
  expect(await allowSandboxConsent(origin, host, cookie, authorizeUrl)).toContain('connected=');
  const listed = await request(origin, { host, path: '/devices/connections', headers: { cookie } });
  const device = listed
    .json<{ devices: { id: string; provider: string }[] }>()
    .devices.find((d) => d.provider === provider);
  if (!device) throw new Error(`${provider} not connected`);
  return device.id;
}

/**
 * Runs the sandbox reconnect flow over HTTP for a connection that needs it: "Reconnect {Provider}" →
 * consent Allow → /devices/return. Returns where the return page sends the browser.
 */
export async function reconnectSandboxDevice(
  origin: string,
  host: string,
  cookie: string,
  connection: { id: string; provider: string; providerName: string },
): Promise<string> {
  const authorizeUrl = await pressDevicesButton(
    origin,
    host,
    cookie,
    `>Reconnect ${connection.providerName}<`,
    {
      provider: connection.provider,
      connection_id: connection.id,
    },
  );
  return allowSandboxConsent(origin, host, cookie, authorizeUrl);
}
