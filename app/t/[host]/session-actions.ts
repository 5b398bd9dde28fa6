'use server';

import { redirect } from 'next/navigation';
import { actionSession } from '@/lib/auth/portal-action';
import { signOutPortalSession } from '@/lib/auth/sign-out';

/** Plain form action (no state to report): works the same with JavaScript off. */
export async function signOut(): Promise<void> {
  const signedIn = await actionSession();
  if (signedIn) await signOutPortalSession(signedIn.session);
  redirect('/signed-out');
}
