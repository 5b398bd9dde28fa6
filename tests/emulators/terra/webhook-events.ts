// Webhook bodies exactly as the table in section 5 lists them.
import type { AuthSession, TerraUser } from './types.js';
import type { WebhookPayload } from './webhooks.js';

export type UserWarningType = 'access_revoked' | 'connection_error';

export function authSuccessEvent(user: TerraUser, session: AuthSession): WebhookPayload {
  return {
    type: 'auth',
    status: 'success',
    user,
    reference_id: user.reference_id,
    widget_session_id: session.sessionId,
    message: 'User has successfully authenticated',
  };
}

export function authCancelledEvent(session: AuthSession): WebhookPayload {
  return {
    type: 'auth_cancelled',
    status: 'error',
    reference_id: session.referenceId,
    flow_id: session.sessionId,
    reason: 'user_cancelled',
    message: 'User cancelled the authentication',
  };
}

export function userReauthEvent(newUser: TerraUser, oldUser: TerraUser | null): WebhookPayload {
  return {
    type: 'user_reauth',
    status: 'warning',
    new_user: newUser,
    old_user: oldUser,
    message: 'User has re-authenticated; the old user was deleted',
  };
}

export function deauthEvent(user: TerraUser): WebhookPayload {
  return {
    type: 'deauth',
    status: 'success',
    user,
    message: 'User has deauthenticated',
  };
}

export function userWarningEvent(type: UserWarningType, user: TerraUser): WebhookPayload {
  const message =
    type === 'access_revoked'
      ? 'User revoked access at the provider'
      : 'The provider rejected our credentials for this user';
  return { type, status: 'warning', user, message };
}
