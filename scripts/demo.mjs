// npm run demo: build, migrate and seed the embedded database, print how to get in, serve on port 3000.
// npm run demo:terra: the same plus a local Terra emulator and a second tenant "fitco" on the terra source.
import { spawn, spawnSync } from 'node:child_process';
import readline from 'node:readline';

const withTerra = process.argv.includes('--terra');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PORTAL_DEMO: '1' };
const port = env.PORT ?? '3000';
env.PORTAL_ROOT_DOMAIN ??= `localhost:${port}`;
const children = [];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { env, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return result;
}

/** Starts the Terra emulator and resolves with its URL (its first stdout line is {"url": …}). */
function startTerraEmulator() {
  const terraPort = env.TERRA_EMULATOR_PORT ?? '4010';
  const demo = 'fitco-demo:fitco-demo-terra-key:fitco-demo-signing-secret';
  const webhookUrl = `http://127.0.0.1:${port}/api/webhooks/terra/fitco`;
  const child = spawn(
    'npx',
    ['tsx', 'tests/emulators/terra/main.ts', '--port', terraPort, '--dev', demo, '--webhook-url', webhookUrl],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`Terra emulator exited (${code})`)));
    readline.createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line).url));
  });
}

if (env.PORTAL_DEMO_SKIP_BUILD !== '1') {
  console.log('Building the portal…');
  run('npx', ['next', 'build']);
}
const terraUrl = withTerra ? await startTerraEmulator() : undefined;
console.log('Preparing the embedded database and the demo tenants…');
const seedArgs = ['tsx', 'scripts/seed-demo.ts', ...(terraUrl ? ['--terra-url', terraUrl] : [])];
const seeded = run('npx', seedArgs, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const { tenants } = JSON.parse(seeded.stdout.trim().split('\n').pop());

for (const tenant of tenants) {
  console.log(`
  ${tenant.name} (${tenant.slug})
  Open the portal as "demo-user" (single use, valid for 15 minutes):
    ${tenant.portal_link}
  A fresh link through the API while the demo runs (open the "url" field of the answer):
    curl -s -X POST http://localhost:${port}/api/v1/portal_links \\
      -H "Authorization: Bearer ${tenant.api_key}" -H "Content-Type: application/json" \\
      -d '{"reference_id":"demo-user"}'
  API key (shown once):  ${tenant.api_key}
  Tenant home (asks for a link):  ${tenant.url}`);
}
if (terraUrl) console.log(`\n  Terra emulator: ${terraUrl} (its consent page stands in for Terra's widget)`);
console.log('');

const server = spawn(process.execPath, ['server/start.mjs', '--port', port], { env, stdio: 'inherit' });
children.push(server);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}
server.on('exit', (code) => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code ?? 0);
});
