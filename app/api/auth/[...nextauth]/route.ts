// /api/auth/* — next-auth's own endpoints (session, csrf). Sign-in happens only through portal links.
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: RouteContext): Promise<Response> {
  return NextAuth(authOptions())(request, context) as Promise<Response>;
}

export { handler as GET, handler as POST };
