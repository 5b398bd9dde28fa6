// GET /api/v1/openapi.json — the OpenAPI 3.1 document generated from the request schemas (public)
import { openApiDocument } from '@/lib/api/openapi';
import { getEnv } from '@/lib/env';

export function GET(): Response {
  const env = getEnv();
  return Response.json(openApiDocument(`${env.PORTAL_PUBLIC_SCHEME}://${env.PORTAL_ROOT_DOMAIN}`), {
    headers: { 'cache-control': 'public, max-age=300' },
  });
}
