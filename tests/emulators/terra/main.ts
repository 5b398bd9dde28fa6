// CLI: npx tsx tests/emulators/terra/main.ts --port 4010 [--host 127.0.0.1]
//        [--dev DEVID:APIKEY:SIGNINGSECRET]... [--webhook-url URL]
// Prints one JSON line {"url": "..."} on stdout and runs until SIGTERM or SIGINT.
import { parseArgs } from 'node:util';
import { startTerraEmulator } from './server.js';
import type { TerraEmulatorDeveloper } from './server.js';

function parseDeveloper(spec: string, webhookUrl: string | null): TerraEmulatorDeveloper {
  const [devId, apiKey, ...secretParts] = spec.split(':');
  const signingSecret = secretParts.join(':');
  if (!devId || !apiKey || signingSecret === '') {
    throw new Error(`--dev expects DEVID:APIKEY:SIGNINGSECRET, got ${spec.split(':')[0] ?? ''}:…`);
  }
  return { devId, apiKey, signingSecret, webhookUrl };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      dev: { type: 'string', multiple: true, default: [] },
      'webhook-url': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0-65535');
  const webhookUrl = values['webhook-url'] ?? null;
  const developers = values.dev.map((spec) => parseDeveloper(spec, webhookUrl));
  const emulator = await startTerraEmulator({ port, host: values.host, developers });
  process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ error: message })}\n`);
  process.exit(1);
});
