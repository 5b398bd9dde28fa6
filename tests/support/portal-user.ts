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

/** Runs the sandbox connect flow over HTTP: Connect → consent Allow → /devices/return. Returns the new connection id. */
export async function connectSandboxDevice(
  origin: string,
  host: string,
  cookie: string,
  provider: string,
): Promise<string> {
  const page = await request(origin, { host, path: '/devices', headers: { cookie } });
  const connectFields = actionField(page.body, `aria-label="Connect ${provider.charAt(0)}`);
  const connectForm = multipartForm({ ...connectFields, provider });
  const started = await request(origin, {
    host,
    path: '/devices',
    method: 'POST',
    headers: { cookie, 'content-type': connectForm.contentType },
    body: connectForm.body,
  });
  expect(started.status).toBe(303);
  const authorizeUrl = new URL(started.headers.location ?? '', `http://${host}`);
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
  expect(returned.headers.location).toContain('connected=');
  const listed = await request(origin, { host, path: '/devices/connections', headers: { cookie } });
  const device = listed
    .json<{ devices: { id: string; provider: string }[] }>()
    .devices.find((d) => d.provider === provider);
  if (!device) throw new Error(`${provider} not connected`);
  return device.id;
}
