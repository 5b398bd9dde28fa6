// npm run demo: build, migrate and seed the embedded database, print how to get in, serve on port 3000.
import { spawn, spawnSync } from 'node:child_process';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PORTAL_DEMO: '1' };
const port = env.PORT ?? '3000';
env.PORTAL_ROOT_DOMAIN ??= `localhost:${port}`;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { env, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return result;
}

if (env.PORTAL_DEMO_SKIP_BUILD !== '1') {
  console.log('Building the portal…');
  run('npx', ['next', 'build']);
}
console.log('Preparing the embedded database and the demo tenant…');
const seeded = run('npx', ['tsx', 'scripts/seed-demo.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
const demo = JSON.parse(seeded.stdout.trim().split('\n').pop());

console.log(`
  Demo tenant "Acme Health":  ${demo.tenant_url}/
  Demo API key (shown once):  ${demo.api_key}

  Mint a portal link for a user:
    curl -s -X POST http://localhost:${port}/api/v1/portal_links \\
      -H "Authorization: Bearer ${demo.api_key}" -H "Content-Type: application/json" \\
      -d '{"reference_id":"user-1"}'
`);
const server = spawn('npx', ['next', 'start', '-p', port], { env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
