import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export type LoadBalancer = { origin: string; port: number; logs: () => string; stop: () => Promise<void> };

/**
 * Debian's caddy with the deployment's own deploy/Caddyfile, on loopback with plain http, round-robin
 * over the given instances (`127.0.0.1:port`). Resolves once a request through it reaches an instance.
 */
export async function startLoadBalancer(options: {
  port: number;
  upstreams: string[];
}): Promise<LoadBalancer> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    XDG_DATA_HOME: path.join(process.cwd(), '.data', `caddy-${options.port}`),
    XDG_CONFIG_HOME: path.join(process.cwd(), '.data', `caddy-${options.port}`),
    CADDY_ADMIN: 'off',
    PORTAL_SITE_ADDRESS: `http://:${options.port}`,
    PORTAL_TLS_MODE: 'none',
    PORTAL_UPSTREAMS: options.upstreams.join(' '),
    PORTAL_ASK_UPSTREAM: options.upstreams[0] ?? '',
  };
  const child: ChildProcess = spawn(
    'caddy',
    ['run', '--config', path.join(process.cwd(), 'deploy/Caddyfile'), '--adapter', 'caddyfile'],
    {
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`caddy could not start (apt-get install -y caddy): ${error.message}`)),
    ),
  );
  const origin = `http://127.0.0.1:${options.port}`;
  const ready = (async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`caddy exited:\n${output}`);
      const ok = await fetch(`${origin}/api/health`).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`caddy did not answer:\n${output}`);
  })();
  await Promise.race([ready, spawnFailed]);
  return {
    origin,
    port: options.port,
    logs: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
