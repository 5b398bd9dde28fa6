import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { PortalError } from '@/lib/errors';
import { actionMessages, errorSentence } from '@/lib/i18n/action-messages';
import { requireTenantById } from '@/lib/tenants/find-tenant-by-id';
import type { Tenant } from '@/lib/tenants/tenant';
import { readSessionCookie } from './current-session-cookie';
import { loadPortalSession } from './load-portal-session';
import type { PortalSession } from './portal-session';
import { decodeSessionToken } from './session-token';

export type ActionState =
  | { ok: true; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> }
  | null;

type ActionContext<Input> = { session: PortalSession; tenant: Tenant; input: Input };

/** The session behind a server action; the tenant comes from the session, never from Host. */
export async function actionSession(): Promise<{ session: PortalSession; tenant: Tenant } | null> {
  const cookieValue = await readSessionCookie();
  const claims = cookieValue ? await decodeSessionToken(cookieValue) : null;
  if (!claims) return null;
  const db = await getDb();
  const tenant = await requireTenantById(db, claims.tid).catch(() => null);
  if (!tenant) return null;
  const result = await loadPortalSession(db, {
    cookieValue,
    tenantId: tenant.id,
    idleMinutes: tenant.sessionIdleMinutes,
  });
  return result.kind === 'valid' ? { session: result.session, tenant } : null;
}

function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries())
    if (typeof value === 'string' && !key.startsWith('$ACTION')) out[key] = value;
  return out;
}

/**
 * Wraps a server action for useActionState and plain form posts: session first, then validation,
 * then the handler. redirect()/notFound() thrown by the handler pass through untouched.
 */
export function portalAction<Schema extends z.ZodType>(
  schema: Schema,
  handler: (context: ActionContext<z.output<Schema>>) => Promise<ActionState>,
) {
  return async (_previous: ActionState, form: FormData): Promise<ActionState> => {
    const signedIn = await actionSession();
    if (!signedIn) redirect('/expired?reason=session');
    const parsed = schema.safeParse(formToObject(form));
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.') || 'form'] ??= issue.message;
      return { ok: false, message: (await actionMessages(signedIn))('checkFields'), fieldErrors };
    }
    try {
      return await handler({ ...signedIn, input: parsed.data });
    } catch (error) {
      if (error instanceof PortalError)
        return { ok: false, message: await errorSentence(signedIn, error.code) };
      throw error;
    }
  };
}

export const emptyInput = z.object({});
