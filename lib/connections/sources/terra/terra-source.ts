import { type ConnectionSource, type SourceConnection, SourceUnavailableError } from '../connection-source';
import { terraConfig, terraWebhookSecret } from './terra-config';
import { terraRequest } from './terra-http';
import {
  TERRA_SDK_PROVIDERS,
  parseDate,
  parseScopes,
  terraDetailedIntegrations,
  terraUserById,
  terraUsersByReference,
  terraWidgetSession,
} from './terra-shapes';
import { terraWebhookEvents, verifyTerraSignature } from './terra-webhook';

function returnUrl(base: string, state: string, result: 'success' | 'failure'): string {
  const url = new URL(base);
  url.searchParams.set('state', state);
  url.searchParams.set('result', result);
  return url.toString();
}

function invalidShape(what: string): SourceUnavailableError {
  return new SourceUnavailableError(
    `Terra's ${what} answer did not have the documented shape.`,
    'bad_response',
  );
}

/** The Terra API behind the ConnectionSource interface. Nothing outside this folder knows Terra. */
export const terraSource: ConnectionSource = {
  name: 'terra',

  async listProviders(tenant) {
    const config = terraConfig(tenant);
    const response = await terraRequest(config, {
      method: 'GET',
      url: `${config.restBase}/integrations/detailed`,
      idempotent: true,
    });
    const parsed = terraDetailedIntegrations.safeParse(response.body);
    if (!parsed.success) throw invalidShape('integrations');
    return parsed.data.providers
      .filter((provider) => provider.enabled !== false)
      .map((provider) => ({
        id: provider.provider.toUpperCase(),
        name: provider.name ?? '',
        webConnect: !TERRA_SDK_PROVIDERS.has(provider.provider.toUpperCase()),
      }));
  },

  async listConnections(tenant, referenceId) {
    const config = terraConfig(tenant);
    const response = await terraRequest(config, {
      method: 'GET',
      url: `${config.restBase}/userInfo`,
      query: { reference_id: referenceId },
      idempotent: true,
    });
    if (response.status === 404) return [];
    const parsed = terraUsersByReference.safeParse(response.body);
    if (!parsed.success) throw invalidShape('userInfo');
    // Terra may return rows for other reference ids; they are never this user's.
    return parsed.data
      .filter((user) => user.reference_id === referenceId)
      .map((user): SourceConnection => ({
        externalUserId: user.user_id,
        provider: user.provider.toUpperCase(),
        status: 'active',
        scopes: parseScopes(user.scopes),
        connectedAt: parseDate(user.created_at),
        lastDataAt: parseDate(user.last_webhook_update),
      }));
  },

  async startConnect(tenant, referenceId, params) {
    const config = terraConfig(tenant);
    const response = await terraRequest(config, {
      method: 'POST',
      url: config.widgetUrl,
      idempotent: false,
      body: {
        reference_id: referenceId,
        providers: params.provider,
        language: params.locale,
        auth_success_redirect_url: returnUrl(params.returnUrl, params.state, 'success'),
        auth_failure_redirect_url: returnUrl(params.returnUrl, params.state, 'failure'),
      },
    });
    const parsed = terraWidgetSession.safeParse(response.body);
    if (!parsed.success) throw invalidShape('widget session');
    return { redirectUrl: parsed.data.url };
  },

  async completeConnect(tenant, referenceId, query) {
    const claimedProvider = query.get('resource')?.toUpperCase() ?? null;
    if (query.get('result') !== 'success') return { ok: false, provider: claimedProvider, reason: 'denied' };
    const userId = query.get('user_id');
    if (!userId || userId === 'null') return { ok: false, provider: claimedProvider, reason: 'unconfirmed' };
    // The redirect proves nothing by itself: ask Terra who this user is.
    const config = terraConfig(tenant);
    const response = await terraRequest(config, {
      method: 'GET',
      url: `${config.restBase}/userInfo`,
      query: { user_id: userId },
      idempotent: true,
    });
    if (response.status === 404) return { ok: false, provider: claimedProvider, reason: 'unconfirmed' };
    const parsed = terraUserById.safeParse(response.body);
    if (!parsed.success) throw invalidShape('userInfo');
    const { user } = parsed.data;
    if (user.reference_id !== referenceId || parsed.data.is_authenticated === false) {
      return { ok: false, provider: claimedProvider, reason: 'unconfirmed' };
    }
    return {
      ok: true,
      provider: user.provider.toUpperCase(),
      externalUserId: user.user_id,
      scopes: parseScopes(user.scopes),
    };
  },

  async disconnect(tenant, _referenceId, externalUserId) {
    if (!externalUserId) return;
    const config = terraConfig(tenant);
    // 404: Terra no longer has this user, which is what we wanted.
    await terraRequest(config, {
      method: 'DELETE',
      url: `${config.restBase}/auth/deauthenticateUser`,
      query: { user_id: externalUserId },
      idempotent: false,
    });
  },

  async parseWebhook(tenant, request, rawBody) {
    const secret = terraWebhookSecret(tenant);
    const { signedContentSha256 } = verifyTerraSignature({
      header: request.headers.get('terra-signature') ?? request.headers.get('x-terra-signature'),
      rawBody,
      secret,
    });
    return {
      events: terraWebhookEvents(rawBody),
      signedContentSha256,
      deliveryId: request.headers.get('x-terra-trace-id'),
    };
  },
};
