'use server';

import { redirect } from 'next/navigation';
import { portalContext } from '@/lib/auth/portal-action';
import { signOutPortalSession } from '@/lib/auth/sign-out';
import { markActionEntered } from '@/server/request-context.mjs';

/** Plain form action (no state to report): works the same with JavaScript off. */
export async function signOut(): Promise<void> {
  markActionEntered();
  const context = await portalContext();
  if (context) await signOutPortalSession(context);
  redirect('/signed-out');
}
