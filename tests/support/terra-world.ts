import { type TerraEmulator, startTerraEmulator } from '../emulators/terra/server';

/** Two Terra accounts (developers) on one emulator, for two terra tenants that must never mix. */
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
} as const;

export async function startTerraWorld(): Promise<TerraEmulator> {
  return startTerraEmulator({
    developers: Object.values(TERRA_DEVELOPERS).map((d) => ({
      devId: d.devId,
      apiKey: d.apiKey,
      signingSecret: d.webhookSecret,
    })),
  });
}

export function terraTenantSpecs(emulatorUrl: string) {
  return [
    { slug: 'fitco', name: 'FitCo', terra: { ...TERRA_DEVELOPERS.fitco, baseUrl: `${emulatorUrl}/v2` } },
    {
      slug: 'vitaco',
      name: 'VitaCo',
      terra: { ...TERRA_DEVELOPERS.vitaco, baseUrl: `${emulatorUrl}/api/v2` },
    },
  ];
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
