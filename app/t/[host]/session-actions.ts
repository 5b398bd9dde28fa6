'use server';

import { redirect } from 'next/navigation';
import { portalContext } from '@/lib/auth/portal-action';
import { signOutPortalSession } from '@/lib/auth/sign-out';

/** Plain form action (no state to report): works the same with JavaScript off. */
export async function signOut(): Promise<void> {
  const context = await portalContext();
  if (context) await signOutPortalSession(context);
  redirect('/signed-out');
}
