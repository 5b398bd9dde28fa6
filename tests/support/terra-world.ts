import { type TerraEmulator, startTerraEmulator } from '../emulators/terra/server';
import type { TenantSpec } from './seed-world';

/**
 * Terra accounts (developers) on one emulator, each behind the tenant of the same slug. fitco and
 * vitaco are two tenants that must never mix; the others each belong to one test file that queues
 * faults, resets or reads the event log, so files can run in parallel without meeting.
 */
export const TERRA_DEVELOPERS = {
  fitco: {
    devId: 'fitco-testing',
    apiKey: 'fitco-terra-api-key-3f9a1c',
    webhookSecret: 'fitco-signing-secret-77b2',
  },
  vitaco: {
    devId: 'vitaco-testing',
    apiKey: 'vitaco-terra-api-key-c04e8d',
    webhookSecret: 'vitaco-signing-secret-19aa',
  },
  'terra-retries': {
    devId: 'retries-testing',
    apiKey: 'retries-terra-api-key-5d21e0',
    webhookSecret: 'retries-signing-secret-0c4f',
  },
  'terra-statuses': {
    devId: 'statuses-testing',
    apiKey: 'statuses-terra-api-key-8a6b13',
    webhookSecret: 'statuses-signing-secret-e93d',
  },
  'terra-faults': {
    devId: 'faults-testing',
    apiKey: 'faults-terra-api-key-2f7c94',
    webhookSecret: 'faults-signing-secret-41b8',
  },
} as const;

export type TerraTenantSlug = keyof typeof TERRA_DEVELOPERS;

export async function startTerraWorld(): Promise<TerraEmulator> {
  return startTerraEmulator({
    developers: Object.values(TERRA_DEVELOPERS).map((d) => ({
      devId: d.devId,
      apiKey: d.apiKey,
      signingSecret: d.webhookSecret,
    })),
  });
}

const TENANT_NAMES: Record<TerraTenantSlug, string> = {
  fitco: 'FitCo',
  vitaco: 'VitaCo',
  'terra-retries': 'Retries Health',
  'terra-statuses': 'Statuses Health',
  'terra-faults': 'Faults Health',
};

/** One terra tenant per account; vitaco's API base is Terra's other documented prefix, /api/v2. */
export function terraTenantSpecs(emulatorUrl: string): TenantSpec<TerraTenantSlug>[] {
  return (Object.keys(TERRA_DEVELOPERS) as TerraTenantSlug[]).map((slug) => ({
    slug,
    name: TENANT_NAMES[slug],
    terra: { ...TERRA_DEVELOPERS[slug], baseUrl: `${emulatorUrl}${slug === 'vitaco' ? '/api/v2' : '/v2'}` },
  }));
}

/** Points each emulated Terra account's webhooks at its tenant's endpoint on the portal. */
export async function routeTerraWebhooks(emulatorUrl: string, portalOrigin: string): Promise<void> {
  for (const [slug, developer] of Object.entries(TERRA_DEVELOPERS)) {
    const res = await fetch(`${emulatorUrl}/__emulator/settings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        dev_id: developer.devId,
        webhook_url: `${portalOrigin}/api/webhooks/terra/${slug}`,
      }),
    });
    if (!res.ok) throw new Error(`emulator settings failed: ${res.status}`);
  }
}

/** Calls the emulator's admin API: GET without a body, POST with one. */
export function emulatorAdmin(emulatorUrl: string) {
  return async <T>(path: string, body?: unknown): Promise<T> => {
    const init =
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const res = await fetch(`${emulatorUrl}/__emulator/${path}`, init);
    return (await res.json()) as T;
  };
}
