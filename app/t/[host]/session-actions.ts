'use server';

import { redirect } from 'next/navigation';
import { portalContext } from '@/lib/auth/portal-action';
import { signOutPortalSession } from '@/lib/auth/sign-out';
import { markActionEntered } from '@/server/request-context.mjs';

/** Plain form action (no state to report): works the same with JavaScript off. */
export async function signOut(): Promise<void> {
  markActionEntered();
  const context = await portalContext();
  if (!context) redirect('/signed-out');
  await signOutPortalSession(context);
  // The ended session's way back, so the signed-out page can still offer it (checked again there).
  const returnUrl = context.session.returnUrl;
  redirect(returnUrl ? `/signed-out?return_url=${encodeURIComponent(returnUrl)}` : '/signed-out');
}
