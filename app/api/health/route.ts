// GET /api/health — the process is up (no dependencies checked)
export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
