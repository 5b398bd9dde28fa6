// GET /brand/logo — the tenant's uploaded logo (also its favicon), served from the tenant's own host
import { notFoundResponse } from '@/lib/http/not-found-response';
import { loadTenantLogo } from '@/lib/branding/load-tenant-logo';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  context: { params: Promise<{ host: string }> },
): Promise<Response> {
  const tenant = await getTenantForHostSegment((await context.params).host);
  const logo = tenant ? await loadTenantLogo(tenant) : null;
  if (!logo) return notFoundResponse();
  const etag = `"${logo.sha256}"`;
  const headers: Record<string, string> = {
    'content-type': logo.contentType,
    'x-content-type-options': 'nosniff',
    // Opened on its own, an SVG is a document: no script, no fetches, no plugins, sandboxed.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox",
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'public, max-age=300',
    etag,
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(logo.data), { status: 200, headers });
}
