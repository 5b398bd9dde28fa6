import type { Tenant } from '@/lib/tenants/tenant';
import type { SourceName } from '../vocabulary';

export type ConnectionStatus = 'pending' | 'active' | 'reauth_required' | 'error' | 'disconnected';

export type SourceProvider = { id: string; name: string; webConnect: boolean };

/** A connection as a source reports it; the service stores it in our `connections` table. */
export type SourceConnection = {
  externalUserId: string | null;
  provider: string;
  status: ConnectionStatus;
  scopes: string[];
  connectedAt: Date | null;
  lastDataAt: Date | null;
};

export type ConnectResult =
  | {
      ok: true;
      provider: string;
      externalUserId: string | null;
      scopes: string[];
      replacesExternalUserId?: string | null;
    }
  | { ok: false; provider: string | null; reason: 'denied' | 'provider_error' | 'unconfirmed' };

export type SourceEvent =
  | { kind: 'connected'; externalUserId: string; provider: string; referenceId: string | null }
  | { kind: 'reauthorized'; oldExternalUserId: string | null; newExternalUserId: string; provider: string }
  | { kind: 'status'; externalUserId: string; status: Exclude<ConnectionStatus, 'pending'>; reason: string };

/**
 * An inbound webhook whose signature checked out. `signedContentSha256` digests exactly what the
 * signature covers, so a replay is recognised whatever unsigned headers (a trace id) it carries;
 * `deliveryId` is the platform's own id of the delivery (Terra's trace id), when it sends one.
 */
export type VerifiedWebhook = {
  events: SourceEvent[];
  signedContentSha256: string;
  deliveryId: string | null;
};

/** An inbound webhook's signature is missing, malformed, stale or wrong: answered 401, nothing changes. */
export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError';
  /** not_configured: the tenant has no usable signing secret, so no delivery can be verified. */
  constructor(
    message: string,
    readonly reason: 'invalid' | 'not_configured' = 'invalid',
  ) {
    super(message);
  }
}

/** One data platform behind the portal (SPEC §6). Only files in lib/connections/sources know a platform. */
export type ConnectionSource = {
  readonly name: SourceName;
  listProviders(tenant: Tenant): Promise<SourceProvider[]>;
  /** The platform's view of this user's connections; the sandbox answers from our own table. */
  listConnections(tenant: Tenant, referenceId: string): Promise<SourceConnection[] | null>;
  startConnect(
    tenant: Tenant,
    referenceId: string,
    params: {
      provider: string;
      returnUrl: string;
      state: string;
      locale: string;
      reconnectExternalUserId?: string | null;
    },
  ): Promise<{ redirectUrl: string }>;
  /** Confirms the outcome with the platform itself: the query string alone is never trusted. */
  completeConnect(
    tenant: Tenant,
    referenceId: string,
    query: URLSearchParams,
    state: string,
  ): Promise<ConnectResult>;
  disconnect(tenant: Tenant, referenceId: string, externalUserId: string | null): Promise<void>;
  /** Verifies the signature first (throwing on a bad one), then says what changed. */
  parseWebhook?(tenant: Tenant, request: Request, rawBody: string): Promise<VerifiedWebhook>;
};

/** A platform call failed in a way the UI can explain; nothing was changed on our side. */
export class SourceUnavailableError extends Error {
  override name = 'SourceUnavailableError';
  constructor(
    message: string,
    readonly kind: 'timeout' | 'rate_limited' | 'server_error' | 'bad_response' | 'auth' | 'not_configured',
  ) {
    super(message);
  }
}

/**
 * A platform call whose failure the page can live with: `fallback` when the platform cannot be
 * reached, every other error thrown on. The wrappers (portalAction, apiRoute) map the rest.
 */
export async function unlessUnreachable<T, const F>(work: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SourceUnavailableError) return fallback;
    throw error;
  }
}
