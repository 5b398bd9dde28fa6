import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { SourceUnavailableError } from '@/lib/connections/sources/connection-source';
import { getEnv } from '@/lib/env';
import { PortalError } from '@/lib/errors';
import { actionMessages, errorSentence } from '@/lib/i18n/action-messages';
import { type RequestOrigin, clientOrigin } from '@/lib/security/client-origin';
import { markActionEntered } from '@/server/request-context.mjs';
import { type SignedIn, lookupPortalSession, requestHost } from './get-portal-session';

export type ActionState =
  | { ok: true; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> }
  | null;

/**
 * What every server action works with, as ApiContext is for the API: the session and its tenant
 * (valid only on that tenant's host), the origin the user is on (so a connect flow comes back to the
 * host that holds the cookie), and where the request came from, for the audit log.
 */
export type PortalContext = SignedIn & { portalOrigin: string; requestOrigin: RequestOrigin };

/** The context of the server action being run, or null when no session of this host's tenant is open. */
export async function portalContext(): Promise<PortalContext | null> {
  const host = await requestHost();
  const { signedIn } = await lookupPortalSession(host);
  if (!signedIn) return null;
  return {
    ...signedIn,
    portalOrigin: `${getEnv().PORTAL_PUBLIC_SCHEME}://${host}`,
    requestOrigin: clientOrigin(await headers()),
  };
}

function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries())
    if (typeof value === 'string' && !key.startsWith('$ACTION')) out[key] = value;
  return out;
}

type ActionContext<Input> = PortalContext & { input: Input };

/**
 * Wraps a server action for useActionState and plain form posts: session first, then validation,
 * then the handler. redirect()/notFound() thrown by the handler pass through untouched. A PortalError
 * becomes its sentence; a platform that cannot be reached becomes `unavailable`'s sentence (by default
 * "We couldn't reach the data platform…"), so no action catches either by hand.
 */
export function portalAction<Schema extends z.ZodType>(
  schema: Schema,
  handler: (context: ActionContext<z.output<Schema>>) => Promise<ActionState>,
  options: { unavailable?: (context: ActionContext<z.output<Schema>>) => Promise<string> } = {},
) {
  return async (_previous: ActionState, form: FormData): Promise<ActionState> => {
    markActionEntered();
    const context = await portalContext();
    if (!context) redirect('/expired?reason=session');
    // A hand-made call may pass anything as the form; only a FormData has fields to validate.
    const parsed = schema.safeParse(form instanceof FormData ? formToObject(form) : {});
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.') || 'form'] ??= issue.message;
      return { ok: false, message: (await actionMessages(context))('checkFields'), fieldErrors };
    }
    const withInput = { ...context, input: parsed.data };
    try {
      return await handler(withInput);
    } catch (error) {
      if (error instanceof PortalError) {
        // Another user's connection id, an expired attempt, …: refused, and on the record.
        await recordAuditEvent(context.db, {
          tenantId: context.tenant.id,
          actor: { type: 'end_user', id: context.session.referenceId },
          action: 'portal_action.refused',
          outcome: 'refused',
          data: { code: error.code, ...(error.param ? { param: error.param } : {}) },
          origin: context.requestOrigin,
        });
        return { ok: false, message: await errorSentence(context, error.code) };
      }
      if (error instanceof SourceUnavailableError) {
        const message = options.unavailable
          ? await options.unavailable(withInput)
          : (await actionMessages(context))('platformUnreachable');
        return { ok: false, message };
      }
      throw error;
    }
  };
}
