import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db/client';
import { lookUpPortalLink } from '@/lib/links/look-up-portal-link';
import { mintPortalLink } from '@/lib/links/mint-portal-link';
import type { Tenant } from '@/lib/tenants/tenant';
import { memoryDbWithTenant } from '../support/memory-db';

vi.stubEnv('NEXTAUTH_SECRET', 'unit-test-secret-0123456789abcdef0123');
vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');

let db: Database;
let close: () => Promise<void>;
let tenant: Tenant;
beforeAll(async () => {
  ({ db, close, tenant } = await memoryDbWithTenant());
});
afterAll(async () => close());

async function mintToken(referenceId: string): Promise<string> {
  const link = await mintPortalLink(db, {
    tenant,
    link: { reference_id: referenceId, intent: 'manage', expires_in: 900, channel: 'email' },
    actor: { type: 'api' },
  });
  return link.url.split('/l/')[1] ?? '';
}

const lookUp = (token: string, clientIp: string) =>
  lookUpPortalLink(db, { tenantId: tenant.id, token, clientIp, failureLimitPerMinute: 20 });

describe('looking up a portal link', () => {
  it('lets a mail scanner open a valid link 40 times in a minute without locking out its owner', async () => {
    const token = await mintToken('scanned-user');
    const scanner = '203.0.113.9';
    const kinds: string[] = [];
    for (let i = 0; i < 40; i += 1) kinds.push((await lookUp(token, scanner)).kind);
    expect(kinds).toEqual(Array(40).fill('found'));
    expect(await lookUp(token, '198.51.100.4')).toMatchObject({ kind: 'found' });
  });

  it('throttles a client after 20 unknown tokens, valid ones included, but no other client', async () => {
    const token = await mintToken('guessed-user');
    const guesser = '203.0.113.66';
    const kinds: string[] = [];
    for (let i = 0; i < 22; i += 1) {
      kinds.push((await lookUp(`${String(i).padStart(2, '0')}${'x'.repeat(41)}`, guesser)).kind);
    }
    expect(kinds).toEqual([...Array(20).fill('unknown'), 'throttled', 'throttled']);
    const refused = await lookUp(token, guesser);
    expect(refused.kind).toBe('throttled');
    expect(refused.kind === 'throttled' && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(await lookUp(token, '198.51.100.5')).toMatchObject({ kind: 'found' });
  });
});
