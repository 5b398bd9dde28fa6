import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type * as DbClient from '@/lib/db/client';
import type { Database } from '@/lib/db/client';
import { portalSessions } from '@/lib/db/schema';
import type { Tenant } from '@/lib/tenants/tenant';

vi.stubEnv('NEXTAUTH_SECRET', 'unit-test-secret-0123456789abcdef0123');
vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');

// A server action's world: Next's cookies and redirect, the process-wide database and the sentences.
const world = vi.hoisted(() => ({
  db: undefined as unknown as Database,
  jar: new Map<string, string>(),
  host: 'acme.localhost:3000',
}));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (world.jar.has(name) ? { name, value: world.jar.get(name) } : undefined),
  }),
  headers: async () => new Headers({ host: world.host, 'user-agent': 'Unit/1.0' }),
}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
vi.mock('@/lib/db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof DbClient>()),
  getDb: async () => world.db,
}));
vi.mock('@/lib/i18n/action-messages', () => ({
  actionMessages: async () => (key: string) => `message:${key}`,
  errorSentence: async (_signedIn: unknown, code: string) => `sentence:${code}`,
}));

const { portalContext, portalAction } = await import('@/lib/auth/portal-action');
const emptyInput = z.object({});
const { encodeSessionToken } = await import('@/lib/auth/session-token');
const { sessionCookieName } = await import('@/lib/auth/session-cookie');
const { PortalError } = await import('@/lib/errors');
const { randomId } = await import('@/lib/security/random-id');
const { memoryDbWithTenant } = await import('../support/memory-db');

let close: () => Promise<void>;
let tenant: Tenant;

beforeAll(async () => {
  let db: Database;
  ({ db, close, tenant } = await memoryDbWithTenant());
  world.db = db;
}, 60_000);
afterAll(async () => close());
beforeEach(() => {
  world.jar.clear();
  world.host = 'acme.localhost:3000';
});

async function signIn(claims: { tid?: string; revoked?: boolean } = {}) {
  const id = randomId('ps');
  await world.db.insert(portalSessions).values({
    id,
    tenantId: tenant.id,
    referenceId: 'user-1',
    linkId: 'pl_1',
    idleExpiresAt: new Date(Date.now() + 30 * 60_000),
    absoluteExpiresAt: new Date(Date.now() + 12 * 3_600_000),
    revokedAt: claims.revoked ? new Date() : null,
  });
  world.jar.set(
    sessionCookieName(),
    await encodeSessionToken({ sid: id, tid: claims.tid ?? tenant.id, ref: 'user-1' }),
  );
  return id;
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

describe('portalContext', () => {
  it('is the session and its tenant, on that tenant’s host, with the origin the user is on', async () => {
    const id = await signIn();
    const result = await portalContext();
    expect(result?.tenant.id).toBe(tenant.id);
    expect(result?.session).toMatchObject({ id, tenantId: tenant.id, referenceId: 'user-1' });
    expect(result?.portalOrigin).toBe('http://acme.localhost:3000');
    expect(result?.requestOrigin).toMatchObject({ userAgent: 'Unit/1.0' });
  });

  it('is null on another host, without a cookie, for a tenant that does not exist, or a revoked session', async () => {
    await signIn();
    world.host = 'globex.localhost:3000';
    expect(await portalContext()).toBeNull();
    world.host = 'acme.localhost:3000';
    world.jar.clear();
    expect(await portalContext()).toBeNull();
    world.jar.set(sessionCookieName(), 'garbage');
    expect(await portalContext()).toBeNull();
    await signIn({ tid: 'ten_missing' });
    expect(await portalContext()).toBeNull();
    await signIn({ revoked: true });
    expect(await portalContext()).toBeNull();
  });
});

describe('portalAction', () => {
  const schema = z.object({ name: z.string().min(2, 'too short'), count: z.coerce.number().int() });

  it('redirects to /expired?reason=session without a session, before reading the form', async () => {
    const handler = vi.fn();
    await expect(portalAction(schema, handler)(null, form({ name: 'ok', count: '1' }))).rejects.toThrow(
      'NEXT_REDIRECT /expired?reason=session',
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('hands the handler the session, the tenant and the parsed input, ignoring $ACTION fields', async () => {
    const id = await signIn();
    const handler = vi.fn(async () => ({ ok: true as const, message: 'done' }));
    const result = await portalAction(z.strictObject({ name: z.string() }), handler)(
      null,
      form({ name: 'Ada', $ACTION_ID_abc: 'x', $ACTION_REF_1: 'y' }),
    );
    expect(result).toEqual({ ok: true, message: 'done' });
    expect(handler).toHaveBeenCalledWith(
      expect.objectContaining({
        session: expect.objectContaining({ id }),
        tenant: expect.objectContaining({ id: tenant.id }),
        portalOrigin: 'http://acme.localhost:3000',
        input: { name: 'Ada' },
      }),
    );
  });

  it('answers field errors, the first message per field, without calling the handler', async () => {
    await signIn();
    const handler = vi.fn();
    const result = await portalAction(schema, handler)(null, form({ name: 'A', count: 'x' }));
    expect(result).toEqual({
      ok: false,
      message: 'message:checkFields',
      fieldErrors: { name: 'too short', count: expect.any(String) },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('puts errors of the whole form under "form"', async () => {
    await signIn();
    const whole = z.object({ a: z.string() }).refine(() => false, 'never valid');
    expect(await portalAction(whole, vi.fn())(null, form({ a: 'x' }))).toEqual({
      ok: false,
      message: 'message:checkFields',
      fieldErrors: { form: 'never valid' },
    });
  });

  it('turns a PortalError into a sentence and lets anything else through', async () => {
    await signIn();
    const failing = portalAction(emptyInput, async () => {
      throw new PortalError({ type: 'conflict', code: 'already_connected', message: 'x' });
    });
    expect(await failing(null, form({}))).toEqual({ ok: false, message: 'sentence:already_connected' });
    const redirecting = portalAction(emptyInput, async () => {
      throw new Error('NEXT_REDIRECT /devices');
    });
    await expect(redirecting(null, form({}))).rejects.toThrow('NEXT_REDIRECT /devices');
  });

  it('skips file fields', async () => {
    await signIn();
    const handler = vi.fn(async () => ({ ok: true as const }));
    const data = form({ name: 'Ada' });
    data.append('upload', new Blob(['x']), 'x.txt');
    await portalAction(z.strictObject({ name: z.string() }), handler)(null, data);
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ input: { name: 'Ada' } }));
  });
});
