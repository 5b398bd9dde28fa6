import { type NextRequest, NextResponse } from 'next/server';
import { getEnv } from '@/lib/env';
import { parseHost } from '@/lib/tenants/parse-host';

/**
 * Runs on every path. Pure string work, no database: it decides which part of the app a host reaches
 * and makes sure no client-sent routing header (x-tenant, x-middleware-*, x-forwarded-*) survives.
 */
export function proxy(request: NextRequest): NextResponse {
  const env = getEnv();
  const host = request.headers.get('host') ?? '';
  const { pathname } = request.nextUrl;

  // The internal tenant tree is reachable only through the rewrite below; Next's own error pages
  // (/_global-error answers 500) only through errors.
  if (pathname === '/t' || pathname.startsWith('/t/') || INTERNAL_PAGES.some((p) => pathname.startsWith(p)))
    return notFound();

  const headers = sanitisedHeaders(request, env.TRUST_PROXY, env.PORTAL_PUBLIC_SCHEME);
  const parsed = parseHost(host, env.PORTAL_ROOT_DOMAIN);
  // A host that can be neither the apex nor a tenant gets no apex page under a foreign name. The API
  // (tenant from the key) and health checks (load balancers call them as localhost) answer on any host.
  if (parsed.kind === 'invalid' && !pathname.startsWith('/api/')) return notFound();
  const isTenantHost = parsed.kind === 'subdomain' || parsed.kind === 'custom';

  if (!isTenantHost || pathname.startsWith('/api/') || pathname.startsWith('/_next/')) {
    return NextResponse.next({ request: { headers } });
  }
  const target = request.nextUrl.clone();
  target.pathname = `/t/${encodeURIComponent(host.toLowerCase())}${pathname}`;
  return NextResponse.rewrite(target, { request: { headers } });
}

const INTERNAL_PAGES = ['/_global-error', '/_not-found'];
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sanitisedHeaders(request: NextRequest, trustProxy: boolean, publicScheme: string): Headers {
  const headers = new Headers(request.headers);
  for (const name of [...headers.keys()]) {
    const isRoutingHeader =
      name.startsWith('x-tenant') || name.startsWith('x-middleware') || name === 'x-invoke-path';
    const isForwarded = name.startsWith('x-forwarded-') || name === 'forwarded';
    if (isRoutingHeader || (isForwarded && !trustProxy)) headers.delete(name);
  }
  if (!trustProxy) {
    headers.set('x-forwarded-host', request.headers.get('host') ?? '');
    headers.set('x-forwarded-proto', publicScheme);
  }
  // server/start.mjs numbers every request (and sends the id back); a client-sent id is never kept.
  const requestId = request.headers.get('x-portal-request-id') ?? '';
  headers.delete('x-portal-request-id');
  headers.set('x-request-id', UUID_PATTERN.test(requestId) ? requestId : crypto.randomUUID());
  return headers;
}

function notFound(): NextResponse {
  return new NextResponse('Not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

// public/ files are the same on every host (the default icons, robots.txt), so they skip the host routing.
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|apple-touch-icon.png|robots.txt).*)'],
};
