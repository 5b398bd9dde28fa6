// What happens to users when a consent page is answered, a user is disconnected, or the
// admin triggers an event: the state change plus the webhooks section 5 promises.
import type { EmulatorContext } from './context.js';
import type { AuthSession, Developer, StoredUser } from './types.js';
import {
  authCancelledEvent,
  authSuccessEvent,
  deauthEvent,
  userReauthEvent,
  userWarningEvent,
} from './webhook-events.js';
import type { UserWarningType } from './webhook-events.js';

export type AllowInput = { provider: string; providerAccount: string };

/** Allow: create (or activate) the user, applying the re-auth rule of section 4. */
export function allowConnection(
  ctx: EmulatorContext,
  developer: Developer,
  session: AuthSession,
  input: AllowInput,
): StoredUser {
  const stored = activateOrCreateUser(ctx, session, input);
  session.isCompleted = true;
  const replaced = ctx.state.findSameAccountUser(stored);
  if (replaced !== undefined) {
    ctx.state.deleteUser(replaced.user.user_id);
    ctx.webhooks.send(developer, userReauthEvent(stored.user, replaced.user));
  }
  ctx.webhooks.send(developer, authSuccessEvent(stored.user, session));
  return stored;
}

function activateOrCreateUser(ctx: EmulatorContext, session: AuthSession, input: AllowInput): StoredUser {
  const pending =
    session.pendingUserId === null ? undefined : ctx.state.findUser(session.devId, session.pendingUserId);
  if (pending === undefined) {
    return ctx.state.createUser({
      devId: session.devId,
      provider: input.provider,
      referenceId: session.referenceId,
      providerAccount: input.providerAccount,
    });
  }
  pending.isPending = false;
  pending.providerAccount = input.providerAccount;
  pending.user.active = true;
  return pending;
}

/** Deny: drop any pending user and tell the developer the flow was cancelled. */
export function denyConnection(ctx: EmulatorContext, developer: Developer, session: AuthSession): void {
  if (session.pendingUserId !== null) ctx.state.deleteUser(session.pendingUserId);
  session.isCompleted = true;
  ctx.webhooks.send(developer, authCancelledEvent(session));
}

/** Deletes the user first, then sends `deauth`; returns the webhook's trace id. */
export function disconnectUser(ctx: EmulatorContext, developer: Developer, stored: StoredUser): string {
  ctx.state.deleteUser(stored.user.user_id);
  return ctx.webhooks.send(developer, deauthEvent({ ...stored.user, active: false }));
}

export function warnAboutUser(
  ctx: EmulatorContext,
  developer: Developer,
  stored: StoredUser,
  type: UserWarningType,
): string {
  return ctx.webhooks.send(developer, userWarningEvent(type, stored.user));
}
