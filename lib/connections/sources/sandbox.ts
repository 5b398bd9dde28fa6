import { and, eq } from 'drizzle-orm';
import { PROVIDERS } from '@/lib/connections/provider-catalogue';
import type { DbOrTx } from '@/lib/db/client';
import { connectAttempts } from '@/lib/db/schema';
import { sha256Hex } from '@/lib/security/hash';
import type { ConnectionSource } from './connection-source';

export const SANDBOX_SCOPES = ['activity', 'sleep', 'heart_rate'];

/**
 * The built-in platform for demos and integration testing. Its "provider consent" is our own page
 * (/sandbox/authorize), which records the user's decision on the connect attempt; completing the
 * flow reads that decision back, never the query string.
 */
export function createSandboxSource(db: DbOrTx): ConnectionSource {
  return {
    name: 'sandbox',
    async listProviders() {
      return PROVIDERS.map(({ id, name, webConnect }) => ({ id, name, webConnect }));
    },
    async listConnections() {
      return null; // our own table is the sandbox's truth
    },
    async startConnect(_tenant, _referenceId, params) {
      const url = new URL('/sandbox/authorize', params.returnUrl);
      url.searchParams.set('state', params.state);
      return { redirectUrl: url.toString() };
    },
    async completeConnect(tenant, _referenceId, _query, state) {
      const [attempt] = await db
        .select({ provider: connectAttempts.provider, decision: connectAttempts.outcome })
        .from(connectAttempts)
        .where(and(eq(connectAttempts.tenantId, tenant.id), eq(connectAttempts.stateHash, sha256Hex(state))))
        .limit(1);
      if (!attempt) return { ok: false, provider: null, reason: 'unconfirmed' };
      if (attempt.decision === 'allow')
        return { ok: true, provider: attempt.provider, externalUserId: null, scopes: SANDBOX_SCOPES };
      if (attempt.decision === 'error')
        return { ok: false, provider: attempt.provider, reason: 'provider_error' };
      if (attempt.decision === 'deny') return { ok: false, provider: attempt.provider, reason: 'denied' };
      return { ok: false, provider: attempt.provider, reason: 'unconfirmed' };
    },
    async disconnect() {
      // Nothing to revoke outside our database.
    },
  };
}
