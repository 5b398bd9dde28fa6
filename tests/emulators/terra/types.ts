// Shapes shared by the Terra emulator's modules. Wire names (snake_case) appear only where
// the object is sent as JSON exactly as the contract documents it.

export type DeveloperSettings = {
  /** Legacy `generateWidgetSession` answers 410 (accounts created after 3 September 2026). */
  legacyWidgetGone: boolean;
  /** `userInfo?reference_id=` answers a bare array (July 2026 spec) instead of `{users}`. */
  userInfoBareArray: boolean;
  /** Lifetime of widget sessions and auth links, in seconds. */
  widgetExpiresIn: number;
  webhookDelayMs: number;
  /** How many times each event is delivered in total, all with the same trace id. */
  webhookDuplicates: number;
  /** Sign with a `t` this many seconds in the past. */
  webhookStaleSeconds: number;
  /** Extra attempts after a non-2xx answer or a network error. */
  webhookRetries: number;
  /** First back-off between retries; doubles each time. Terra uses 30 s, tests use ms. */
  webhookRetryBackoffMs: number;
  webhookTimeoutMs: number;
  /** Providers `/integrations/detailed` marks as enabled for this developer; null = all. */
  enabledProviders: string[] | null;
};

export type Developer = {
  devId: string;
  apiKey: string;
  signingSecret: string;
  webhookUrl: string | null;
  settings: DeveloperSettings;
};

/** A user as Terra sends it (section 4 of the contract). */
export type TerraUser = {
  user_id: string;
  provider: string;
  reference_id: string | null;
  created_at: string;
  last_webhook_update: string | null;
  scopes: string;
  active: boolean;
};

export type StoredUser = {
  devId: string;
  /** Which account at the provider this is; same account + reference_id → re-auth rule. */
  providerAccount: string;
  /** Created by `authenticateUser` and not yet allowed on the consent page. */
  isPending: boolean;
  user: TerraUser;
};

export type SessionKind = 'widget' | 'direct';

/** A widget session or a direct-auth flow; both end on the same consent page. */
export type AuthSession = {
  sessionId: string;
  kind: SessionKind;
  devId: string;
  referenceId: string | null;
  /** Providers the user may pick from; one entry means no picker. */
  providers: string[];
  language: string | null;
  successRedirectUrl: string | null;
  failureRedirectUrl: string | null;
  /** For direct auth: the user id handed out by `authenticateUser`. */
  pendingUserId: string | null;
  createdAtMs: number;
  expiresAtMs: number;
  isCompleted: boolean;
};

export type FaultKind =
  'latency' | 'status429' | 'status500' | 'malformed_json' | 'hang' | 'status410' | 'foreign_row';

export type Fault = {
  id: string;
  /** Upper-case HTTP method, or `*` for any. */
  method: string;
  /** Route path without the `/v2` or `/api/v2` prefix, e.g. `/userInfo`. */
  path: string;
  kind: FaultKind;
  remaining: number;
  /** Latency in ms for `latency`. */
  ms: number;
  /** `Retry-After` seconds for `status429`. */
  retryAfterSeconds: number;
  /** Only requests carrying this `dev-id` header; null = any. */
  devId: string | null;
};

export type RequestLogEntry = {
  method: string;
  path: string;
  query: Record<string, string>;
  dev_id: string | null;
  has_api_key: boolean;
  time: string;
};

export type WebhookLogEntry = {
  trace_id: string;
  terra_reference: string;
  dev_id: string;
  type: string;
  url: string | null;
  /** 1-based copy number when `webhook_duplicates` > 1. */
  copy: number;
  /** 1-based attempt number within one copy (retries count up). */
  attempt: number;
  status_code: number | null;
  error: string | null;
  time: string;
  payload: Record<string, unknown>;
};
