'use server';

import { redirect } from 'next/navigation';
import { portalAction } from '@/lib/auth/portal-action';
import { recordSandboxDecision } from '@/lib/connections/record-sandbox-decision';
import { sandboxDecisionForm } from '@/lib/portal/device-action-schemas';

/** The sandbox provider's answer, then back through /devices/return like a real platform. */
export const decideSandbox = portalAction(
  sandboxDecisionForm,
  async ({ db, tenant, session, portalOrigin, input }) => {
    await recordSandboxDecision(db, {
      tenantId: tenant.id,
      sessionId: session.id,
      state: input.state,
      decision: input.decision,
    });
    redirect(`${portalOrigin}/devices/return?state=${encodeURIComponent(input.state)}`);
  },
);
