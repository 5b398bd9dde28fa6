// In-memory world of the emulator: developers, users, sessions, faults and logs.
import { randomUUID } from 'node:crypto';
import type {
  AuthSession,
  Developer,
  DeveloperSettings,
  RequestLogEntry,
  SessionKind,
  StoredUser,
  WebhookLogEntry,
} from './types.js';
import { FaultQueue } from './faults.js';
import { findProvider } from './providers.js';

export const DEFAULT_SETTINGS: DeveloperSettings = {
  legacyWidgetGone: false,
  userInfoBareArray: false,
  widgetExpiresIn: 900,
  webhookDelayMs: 0,
  webhookDuplicates: 1,
  webhookStaleSeconds: 0,
  webhookRetries: 0,
  webhookRetryBackoffMs: 10,
  webhookTimeoutMs: 8000,
  enabledProviders: null,
};

export const DEFAULT_PROVIDER_ACCOUNT = 'default';

export type DeveloperInput = {
  devId: string;
  apiKey: string;
  signingSecret: string;
  webhookUrl?: string | null | undefined;
  settings?: Partial<DeveloperSettings> | undefined;
};

export type NewUserInput = {
  devId: string;
  provider: string;
  referenceId: string | null;
  providerAccount?: string | undefined;
  isPending?: boolean | undefined;
  scopes?: string | undefined;
};

export type NewSessionInput = {
  kind: SessionKind;
  devId: string;
  referenceId: string | null;
  providers: string[];
  language: string | null;
  successRedirectUrl: string | null;
  failureRedirectUrl: string | null;
  pendingUserId: string | null;
};

export class EmulatorState {
  readonly developers = new Map<string, Developer>();
  readonly users = new Map<string, StoredUser>();
  readonly sessions = new Map<string, AuthSession>();
  readonly faults = new FaultQueue();
  requestLog: RequestLogEntry[] = [];
  webhookLog: WebhookLogEntry[] = [];
  /** Added to the wall clock so tests can expire sessions without sleeping. */
  private clockOffsetMs = 0;

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  upsertDeveloper(input: DeveloperInput): Developer {
    const existing = this.developers.get(input.devId);
    const developer: Developer = {
      devId: input.devId,
      apiKey: input.apiKey,
      signingSecret: input.signingSecret,
      webhookUrl: input.webhookUrl === undefined ? (existing?.webhookUrl ?? null) : input.webhookUrl,
      settings: { ...DEFAULT_SETTINGS, ...existing?.settings, ...input.settings },
    };
    this.developers.set(developer.devId, developer);
    return developer;
  }

  createUser(input: NewUserInput): StoredUser {
    const stored: StoredUser = {
      devId: input.devId,
      providerAccount: input.providerAccount ?? DEFAULT_PROVIDER_ACCOUNT,
      isPending: input.isPending ?? false,
      user: {
        user_id: randomUUID(),
        provider: input.provider,
        reference_id: input.referenceId,
        created_at: new Date(this.now()).toISOString(),
        last_webhook_update: null,
        scopes: input.scopes ?? findProvider(input.provider)?.scopes ?? '',
        active: !(input.isPending ?? false),
      },
    };
    this.users.set(stored.user.user_id, stored);
    return stored;
  }

  /** Only the owning developer ever finds a user. */
  findUser(devId: string, userId: string): StoredUser | undefined {
    const stored = this.users.get(userId);
    return stored?.devId === devId ? stored : undefined;
  }

  listConnectedUsers(devId: string, referenceId: string): StoredUser[] {
    return [...this.users.values()].filter(
      (stored) => stored.devId === devId && !stored.isPending && stored.user.reference_id === referenceId,
    );
  }

  /** The connected user the re-auth rule replaces: same account under the same reference_id. */
  findSameAccountUser(candidate: StoredUser): StoredUser | undefined {
    return [...this.users.values()].find(
      (stored) =>
        stored !== candidate &&
        !stored.isPending &&
        stored.devId === candidate.devId &&
        stored.user.provider === candidate.user.provider &&
        stored.user.reference_id === candidate.user.reference_id &&
        stored.providerAccount === candidate.providerAccount,
    );
  }

  deleteUser(userId: string): void {
    this.users.delete(userId);
  }

  createSession(input: NewSessionInput, expiresInSeconds: number): AuthSession {
    const createdAtMs = this.now();
    const session: AuthSession = {
      ...input,
      sessionId: randomUUID().replaceAll('-', ''),
      createdAtMs,
      expiresAtMs: createdAtMs + expiresInSeconds * 1000,
      isCompleted: false,
    };
    this.sessions.set(session.sessionId, session);
    return session;
  }

  isExpired(session: AuthSession): boolean {
    return this.now() >= session.expiresAtMs;
  }

  /**
   * Clears the world; developers stay unless `all`. With `devId`, only that developer's users,
   * sessions, faults and logs go (tests sharing one emulator reset their own account only).
   */
  reset(options: { all: boolean; devId?: string | null }): void {
    const { devId } = options;
    if (devId) {
      for (const [id, stored] of this.users) if (stored.devId === devId) this.users.delete(id);
      for (const [id, session] of this.sessions) if (session.devId === devId) this.sessions.delete(id);
      this.faults.clear(devId);
      this.requestLog = this.requestLog.filter((entry) => entry.dev_id !== devId);
      this.webhookLog = this.webhookLog.filter((entry) => entry.dev_id !== devId);
      return;
    }
    this.users.clear();
    this.sessions.clear();
    this.faults.clear();
    this.requestLog = [];
    this.webhookLog = [];
    this.clockOffsetMs = 0;
    if (options.all) this.developers.clear();
  }
}
