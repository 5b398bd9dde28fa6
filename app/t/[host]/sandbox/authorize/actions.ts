'use server';

import { redirect } from 'next/navigation';
import { portalAction } from '@/lib/auth/portal-action';
import { sandboxDecisionForm } from '@/lib/portal/device-action-schemas';
import { decideSandboxConsent } from '@/lib/portal/decide-sandbox-consent';

/** The sandbox provider's answer, then back through /devices/return like a real platform. */
export const decideSandbox = portalAction(sandboxDecisionForm, async ({ tenant, session, input }) => {
  const { returnUrl } = await decideSandboxConsent(
    { tenant, session },
    { state: input.state, decision: input.decision },
  );
  redirect(returnUrl);
});
