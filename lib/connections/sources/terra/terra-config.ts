import { SecretDecryptionError, decryptSecret } from '@/lib/security/secret-box';
import type { Tenant } from '@/lib/tenants/tenant';
import { SourceUnavailableError, WebhookSignatureError } from '../connection-source';

export const TERRA_DEFAULT_REST = 'https://api.tryterra.co/v2';
export const TERRA_DEFAULT_WIDGET = 'https://access.tryterra.co/api/widget/session';

export type TerraConfig = {
  devId: string;
  apiKey: string;
  restBase: string;
  widgetUrl: string;
};

function secret(
  tenant: Tenant,
  name: 'apiKey' | 'webhookSecret',
  unusable: (message: string) => Error,
): string | null {
  const ciphertext = tenant.sourceConfig[`${name}Ciphertext`];
  if (!ciphertext) return null;
  try {
    return decryptSecret(ciphertext, {
      table: 'tenants',
      column: `source_config.${name}`,
      tenantId: tenant.id,
      rowId: tenant.id,
    });
  } catch (error) {
    // A key that no longer decrypts (wrong PORTAL_ENCRYPTION_KEY, copied row) means "not configured", never a crash.
    if (error instanceof SecretDecryptionError)
      throw unusable(`The Terra ${name} for this tenant cannot be decrypted.`);
    throw error;
  }
}

/**
 * A tenant's Terra account: dev-id, API key and webhook signing secret (decrypted only here), and the
 * base URLs (settings, so tests point them at the emulator). The widget URL defaults to the REST
 * origin's /api/widget/session when the REST base is not Terra's own.
 */
export function terraConfig(tenant: Tenant): TerraConfig {
  const devId = tenant.sourceConfig.devId;
  const apiKey = secret(tenant, 'apiKey', (message) => new SourceUnavailableError(message, 'not_configured'));
  if (!devId || !apiKey)
    throw new SourceUnavailableError(
      'Terra is not configured for this tenant (dev id and API key).',
      'not_configured',
    );
  const restBase = (tenant.sourceConfig.baseUrl ?? TERRA_DEFAULT_REST).replace(/\/$/, '');
  const widgetUrl =
    tenant.sourceConfig.widgetUrl ??
    (restBase === TERRA_DEFAULT_REST
      ? TERRA_DEFAULT_WIDGET
      : `${new URL(restBase).origin}/api/widget/session`);
  return { devId, apiKey, restBase, widgetUrl };
}

/** The webhook signing secret: without a usable one, no delivery can be verified (answered 401). */
export function terraWebhookSecret(tenant: Tenant): string {
  const notConfigured = (message: string) => new WebhookSignatureError(message, 'not_configured');
  const value = secret(tenant, 'webhookSecret', notConfigured);
  if (!value) throw notConfigured('No Terra webhook signing secret is configured.');
  return value;
}
