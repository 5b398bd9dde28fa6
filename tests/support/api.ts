import { type HttpResult, request } from './http';

/** A developer-API client for one tenant's key, over real HTTP. */
export function apiClient(origin: string, apiKey: string, host = 'api.localhost') {
  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult> =>
    request(origin, {
      host,
      path,
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    call,
    mintLink: (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      call('POST', '/api/v1/portal_links', body, headers),
  };
}

export function tokenFromUrl(url: string): string {
  const token = new URL(url).pathname.split('/l/')[1];
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}
