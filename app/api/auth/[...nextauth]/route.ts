// /api/auth/* — next-auth's endpoints. Sign-in happens only through portal links, so next-auth here
// only owns the cookie format; the session endpoint answers from our own session check.
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';
import { describeCurrentSession } from '@/lib/auth/describe-current-session';
import { sessionCookieName } from '@/lib/auth/session-cookie';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth's answer without any Set-Cookie for the session: only redeeming a link may set one. */
function withoutSessionCookie(response: Response): Response {
  const cookieName = sessionCookieName();
  const headers = new Headers(response.headers);
  headers.delete('set-cookie');
  for (const cookie of response.headers.getSetCookie())
    if (!cookie.startsWith(`${cookieName}=`)) headers.append('set-cookie', cookie);
  return new Response(response.body, { status: response.status, headers });
}

async function handler(request: Request, context: RouteContext): Promise<Response> {
  const { nextauth } = await context.params;
  // GET /api/auth/session: valid only on the host of the tenant that issued it, never re-issued.
  if (nextauth.join('/') === 'session') {
    return Response.json(await describeCurrentSession(), { headers: { 'cache-control': 'no-store' } });
  }
  return withoutSessionCookie((await NextAuth(authOptions())(request, context)) as Response);
}

export { handler as GET, handler as POST };
