import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Thrown when configuration is unusable; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

/** Every variable the portal reads; .env.example documents each (a test compares them). */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** PostgreSQL server URL; when unset the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
      message: 'must be a postgres:// or postgresql:// URL',
    })
    .optional(),
  /** PGlite data directory (embedded database); created if missing. */
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  /** The apex every tenant subdomain hangs off, e.g. portal.example.com or localhost:3000. */
  PORTAL_ROOT_DOMAIN: z
    .string()
    .min(1, 'must not be empty')
    .regex(/^[a-z0-9.-]+(:\d{1,5})?$/, 'must be a lower-case host name with an optional :port'),
  /** Scheme of every URL we hand out; http only makes sense for local development. */
  PORTAL_PUBLIC_SCHEME: z.enum(['https', 'http']).optional(),
  /** Signs end-user session cookies (next-auth JWT). */
  NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Root key for AES-256-GCM encryption of stored secrets. */
  PORTAL_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Trust x-forwarded-host/-proto sent by a load balancer in front of the portal. */
  TRUST_PROXY: flag.default(false),
  /** Allow webhook endpoints on loopback, and plain http to loopback only (local development and tests). */
  WEBHOOKS_ALLOW_LOOPBACK: flag.default(false),
  /** GET /api/metrics answers only `Authorization: Bearer <this>`; unset, the endpoint is off (404). */
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Days an event, its deliveries and their attempts are kept once every delivery is final. */
  WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Requests per minute one API key may make (shared by every instance through PostgreSQL). */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Failed portal-link redemptions per minute from one client address before it gets 429. */
  LINK_FAILURE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  /** How long a user's cached platform connections count as fresh before a page refreshes them. */
  PLATFORM_SYNC_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Set by `npm run demo`: a production build that may generate its own secrets. */
  PORTAL_DEMO: flag.default(false),
  /** Enables the /bench/hello baseline page. */
  BENCH: flag.default(false),
  /** next-auth would build every URL from it; the portal serves many hosts, so it must stay unset. */
  NEXTAUTH_URL: z
    .undefined({
      error: 'must be unset: the portal serves many hosts and builds URLs from PORTAL_ROOT_DOMAIN',
    })
    .optional(),
});

export type Env = Omit<
  z.infer<typeof envSchema>,
  'NEXTAUTH_SECRET' | 'PORTAL_ENCRYPTION_KEY' | 'PORTAL_PUBLIC_SCHEME' | 'NEXTAUTH_URL'
> & {
  NEXTAUTH_SECRET: string;
  PORTAL_ENCRYPTION_KEY: string;
  PORTAL_PUBLIC_SCHEME: 'https' | 'http';
};

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(source)) {
    // An empty PORTAL_ROOT_DOMAIN is a mistake worth naming; other empty values mean "unset".
    out[key] = value === '' && key !== 'PORTAL_ROOT_DOMAIN' ? undefined : value;
  }
  return out;
}

function isLocalRoot(root: string): boolean {
  return (
    root === 'localhost' ||
    root.startsWith('localhost:') ||
    root.endsWith('.localhost') ||
    /\.localhost:\d+$/.test(root)
  );
}

type GeneratedSecrets = { NEXTAUTH_SECRET: string; PORTAL_ENCRYPTION_KEY: string };

/** Development and demo only: secrets made once and kept beside the embedded database. */
function loadOrCreateLocalSecrets(pgliteDir: string): GeneratedSecrets {
  const file = path.join(path.dirname(path.resolve(pgliteDir)), 'secrets.json');
  if (fs.existsSync(file)) {
    const parsed = z
      .object({ NEXTAUTH_SECRET: z.string().min(32), PORTAL_ENCRYPTION_KEY: z.string().min(32) })
      .safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  }
  const secrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    PORTAL_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const withDefaults = { PORTAL_ROOT_DOMAIN: 'localhost:3000', ...emptyToUndefined(source) };
  if (
    source.NODE_ENV === 'production' &&
    source.PORTAL_DEMO !== '1' &&
    source.PORTAL_ROOT_DOMAIN === undefined
  ) {
    throw new ConfigError('Invalid environment: PORTAL_ROOT_DOMAIN is required in production');
  }
  const parsed = envSchema.safeParse(withDefaults);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid environment: ${name} ${issue?.message ?? 'is invalid'}`);
  }
  const env = parsed.data;
  const mayGenerateSecrets = env.NODE_ENV !== 'production' || env.PORTAL_DEMO;
  let { NEXTAUTH_SECRET, PORTAL_ENCRYPTION_KEY } = env;
  if (!NEXTAUTH_SECRET || !PORTAL_ENCRYPTION_KEY) {
    if (!mayGenerateSecrets) {
      const missing = !NEXTAUTH_SECRET ? 'NEXTAUTH_SECRET' : 'PORTAL_ENCRYPTION_KEY';
      throw new ConfigError(`Invalid environment: ${missing} is required in production`);
    }
    const generated = loadOrCreateLocalSecrets(env.PGLITE_DIR);
    NEXTAUTH_SECRET ??= generated.NEXTAUTH_SECRET;
    PORTAL_ENCRYPTION_KEY ??= generated.PORTAL_ENCRYPTION_KEY;
  }
  return {
    ...env,
    NEXTAUTH_SECRET,
    PORTAL_ENCRYPTION_KEY,
    PORTAL_PUBLIC_SCHEME:
      env.PORTAL_PUBLIC_SCHEME ?? (isLocalRoot(env.PORTAL_ROOT_DOMAIN) ? 'http' : 'https'),
  };
}

let cached: Env | undefined;

/** The validated configuration; the first call validates and throws ConfigError on a bad value. */
export function getEnv(): Env {
  if (!cached) {
    cached = parseEnv(process.env);
    // next-auth reads these itself. Our proxy re-derives x-forwarded-host from Host, so trusting it is safe.
    process.env.AUTH_TRUST_HOST = '1';
    process.env.NEXTAUTH_SECRET = cached.NEXTAUTH_SECRET;
  }
  return cached;
}
