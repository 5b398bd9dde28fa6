// Per-developer settings as the admin API spells them (snake_case), in and out.
import type { Developer, DeveloperSettings } from './types.js';
import type { JsonObject, Parsed } from './http-io.js';

type BooleanSetting = 'legacyWidgetGone' | 'userInfoBareArray';
type NumberSetting =
  | 'widgetExpiresIn'
  | 'webhookDelayMs'
  | 'webhookDuplicates'
  | 'webhookStaleSeconds'
  | 'webhookRetries'
  | 'webhookRetryBackoffMs'
  | 'webhookTimeoutMs';

const BOOLEAN_SETTINGS: Record<string, BooleanSetting> = {
  legacy_widget_gone: 'legacyWidgetGone',
  userinfo_bare_array: 'userInfoBareArray',
};

const NUMBER_SETTINGS: Record<string, NumberSetting> = {
  widget_expires_in: 'widgetExpiresIn',
  webhook_delay_ms: 'webhookDelayMs',
  webhook_duplicates: 'webhookDuplicates',
  webhook_stale_seconds: 'webhookStaleSeconds',
  webhook_retries: 'webhookRetries',
  webhook_retry_backoff_ms: 'webhookRetryBackoffMs',
  webhook_timeout_ms: 'webhookTimeoutMs',
};

/** Reads whichever settings the body names; others are left untouched. */
export function parseSettings(body: JsonObject): Parsed<Partial<DeveloperSettings>> {
  const settings: Partial<DeveloperSettings> = {};
  for (const [key, value] of Object.entries(body)) {
    const booleanKey = BOOLEAN_SETTINGS[key];
    const numberKey = NUMBER_SETTINGS[key];
    if (booleanKey !== undefined) {
      if (typeof value !== 'boolean') return { ok: false, message: `${key} must be a boolean` };
      settings[booleanKey] = value;
    } else if (numberKey !== undefined) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        return { ok: false, message: `${key} must be a number >= 0` };
      }
      settings[numberKey] = value;
    } else if (key === 'enabled_providers') {
      const providers = parseProviderArray(value);
      if (providers === undefined) {
        return { ok: false, message: 'enabled_providers must be an array of strings or null' };
      }
      settings.enabledProviders = providers;
    }
  }
  return { ok: true, value: settings };
}

function parseProviderArray(value: unknown): string[] | null | undefined {
  if (value === null) return null;
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter((item): item is string => typeof item === 'string');
  return strings.length === value.length ? strings.map((item) => item.toUpperCase()) : undefined;
}

/** A developer without its API key or signing secret. */
export function publicDeveloper(developer: Developer): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [key, camel] of Object.entries(BOOLEAN_SETTINGS)) {
    settings[key] = developer.settings[camel];
  }
  for (const [key, camel] of Object.entries(NUMBER_SETTINGS)) {
    settings[key] = developer.settings[camel];
  }
  settings['enabled_providers'] = developer.settings.enabledProviders;
  return { dev_id: developer.devId, webhook_url: developer.webhookUrl, settings };
}
