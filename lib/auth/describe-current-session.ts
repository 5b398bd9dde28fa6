import { lookupPortalSession, requestHost } from './get-portal-session';

/**
 * next-auth's session shape for this host: `{}` when no session of this host's tenant is open (a
 * foreign, revoked or expired cookie included), else who is signed in, as little as the page shows.
 */
export async function describeCurrentSession(): Promise<Record<string, unknown>> {
  const { signedIn } = await lookupPortalSession(await requestHost());
  if (!signedIn) return {};
  return { user: { name: signedIn.session.userLabel ?? null } };
}
