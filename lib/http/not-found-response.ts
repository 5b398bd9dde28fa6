/** The plain 404 of route handlers on a host or path that names nothing (pages use notFound()). */
export function notFoundResponse(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
