import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type TestServer = {
  port: number;
  origin: string;
  logs: () => string;
  /** SIGTERM, then the exit code once the process has gone. */
  stop: () => Promise<number | null>;
  pid: number;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The secrets every test server runs with; seeding code uses them too, so what it encrypts the server can read. */
export const TEST_SECRETS = {
  NEXTAUTH_SECRET: 'test-only-nextauth-secret-0123456789abcdef',
  PORTAL_ENCRYPTION_KEY: 'test-only-encryption-key-0123456789abcdef',
};

/** Environment for a server and the CLI on one database: PostgreSQL when given, else a fresh PGlite dir. */
export function serverEnv(options: {
  port: number;
  rootDomain: string;
  databaseUrl?: string;
  pgliteDir: string;
  extra?: Record<string, string>;
}) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORTAL_ROOT_DOMAIN: options.rootDomain,
    PORTAL_PUBLIC_SCHEME: 'http',
    ...TEST_SECRETS,
    WEBHOOKS_ALLOW_LOOPBACK: '1',
    LOG_LEVEL: 'info',
    PGLITE_DIR: options.pgliteDir,
    ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
    ...options.extra,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  return env;
}

/** Starts the portal's server (server/start.mjs) on the built app and waits until /api/ready answers 200. */
export async function startTestServer(options: {
  port: number;
  env: Record<string, string>;
  /** Also append everything the server prints to this file, for tests that inspect the log. */
  logFile?: string;
  /** Flags for node itself, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
  /** The folder the server runs in (the assembled container image's files); this checkout by default. */
  cwd?: string;
}): Promise<TestServer> {
  const cwd = options.cwd ?? process.cwd();
  const serverEntry = path.join(cwd, 'server/start.mjs');
  const args = [...(options.nodeArgs ?? []), serverEntry, '--port', String(options.port)];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: options.env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (options.logFile) fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  let output = '';
  const capture = (chunk: Buffer) => {
    output += chunk.toString();
    if (options.logFile) fs.appendFileSync(options.logFile, chunk);
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  const origin = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    // Only our child's own "Ready" counts: a leftover server on the port would answer /api/ready too.
    if (!output.includes('Ready in')) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    const ready = await fetch(`${origin}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (child.exitCode !== null || Date.now() >= deadline)
    throw new Error(`server did not become ready:\n${output}`);
  return {
    port: options.port,
    origin,
    pid: child.pid ?? 0,
    logs: () => output,
    stop: () =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

export function freshPgliteDir(name: string): string {
  const dir = path.join(process.cwd(), '.data', 'test', `${name}-${process.pid}-${Date.now()}`);
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}
