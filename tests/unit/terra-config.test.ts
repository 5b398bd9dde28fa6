import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SourceUnavailableError, WebhookSignatureError } from '@/lib/connections/sources/connection-source';
import { terraConfig, terraWebhookSecret } from '@/lib/connections/sources/terra/terra-config';
import type { Database } from '@/lib/db/client';
import { tenants } from '@/lib/db/schema';
import { createTenant } from '@/lib/tenants/create-tenant';
import { updateTenant } from '@/lib/tenants/update-tenant';
import { memoryDbWithTenant } from '../support/memory-db';

vi.stubEnv('PORTAL_ENCRYPTION_KEY', 'unit-test-key-0123456789abcdef012345');
vi.stubEnv('NEXTAUTH_SECRET', 'unit-test-secret-0123456789abcdef0123');

let db: Database;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await memoryDbWithTenant('seed'));
});
afterAll(async () => close());

async function terraTenant(slug: string, apiKey: string) {
  const tenant = await createTenant(db, { slug, name: slug, source: 'terra', returnOrigins: [] });
  return updateTenant(db, {
    tenantId: tenant.id,
    patch: { sourceSettings: { devId: `${slug}-dev` }, sourceSecrets: { apiKey } },
  });
}

describe('Terra configuration', () => {
  it('decrypts its own key and defaults the URLs', async () => {
    const tenant = await terraTenant('fitco', 'fitco-key');
    expect(JSON.stringify(tenant.sourceConfig)).not.toContain('fitco-key');
    expect(terraConfig(tenant)).toMatchObject({
      devId: 'fitco-dev',
      apiKey: 'fitco-key',
      restBase: 'https://api.tryterra.co/v2',
      widgetUrl: 'https://access.tryterra.co/api/widget/session',
    });
  });

  it("refuses a ciphertext copied from another tenant's row", async () => {
    const victim = await terraTenant('victim', 'victim-key');
    const thief = await terraTenant('thief', 'thief-key');
    const stolen = { ...thief.sourceConfig, apiKeyCiphertext: victim.sourceConfig.apiKeyCiphertext ?? '' };
    const [updated] = await db
      .update(tenants)
      .set({ sourceConfig: stolen })
      .where(eq(tenants.id, thief.id))
      .returning();
    if (!updated) throw new Error('no row');
    expect(() => terraConfig(updated)).toThrow(SourceUnavailableError);
  });

  it('has no webhook secret to verify with when none is set, or when it no longer decrypts', async () => {
    const notConfigured = { name: 'WebhookSignatureError', reason: 'not_configured' };
    const unset = await terraTenant('nohooks', 'k');
    expect(() => terraWebhookSecret(unset)).toThrow(WebhookSignatureError);
    expect(() => terraWebhookSecret(unset)).toThrow(expect.objectContaining(notConfigured));

    const withSecret = await updateTenant(db, {
      tenantId: unset.id,
      patch: { sourceSecrets: { webhookSecret: 'whsec-of-nohooks' } },
    });
    expect(terraWebhookSecret(withSecret)).toBe('whsec-of-nohooks');
    const other = await terraTenant('otherhooks', 'k');
    const copied = {
      ...other,
      sourceConfig: {
        ...other.sourceConfig,
        webhookSecretCiphertext: withSecret.sourceConfig.webhookSecretCiphertext ?? '',
      },
    };
    expect(() => terraWebhookSecret(copied)).toThrow(expect.objectContaining(notConfigured));
  });

  it('derives the widget URL from a custom REST base (the emulator)', async () => {
    const tenant = await terraTenant('emu', 'k');
    const withBase = await updateTenant(db, {
      tenantId: tenant.id,
      patch: { sourceSettings: { baseUrl: 'http://127.0.0.1:4010/v2/' } },
    });
    expect(terraConfig(withBase)).toMatchObject({
      restBase: 'http://127.0.0.1:4010/v2',
      widgetUrl: 'http://127.0.0.1:4010/api/widget/session',
    });
  });
});
