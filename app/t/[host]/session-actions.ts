'use server';

import { redirect } from 'next/navigation';
import { emptyInput, portalAction } from '@/lib/auth/portal-action';
import { signOutPortalSession } from '@/lib/auth/sign-out';

export const signOut = portalAction(emptyInput, async ({ session }) => {
  await signOutPortalSession(session);
  redirect('/signed-out');
});
