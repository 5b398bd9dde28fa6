// Terra API emulator for tests: `startTerraEmulator()` serves the contract in
// /work/shared/platforms/terra.md on loopback with node:http only.
import http from 'node:http';
import type { EmulatorContext } from './context.js';
import { createRequestListener } from './router.js';
import { EmulatorState } from './state.js';
import { WebhookSender } from './webhooks.js';

export type TerraEmulatorDeveloper = {
  devId: string;
  apiKey: string;
  signingSecret: string;
  webhookUrl?: string | null | undefined;
};

export type TerraEmulatorOptions = {
  /** 0 (default) picks a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1. */
  host?: string | undefined;
  /** Developers to create at start; more can be added with POST /__emulator/developers. */
  developers?: readonly TerraEmulatorDeveloper[] | undefined;
};

export type TerraEmulator = {
  /** e.g. `http://127.0.0.1:4010`; REST lives at `${url}/v2` and `${url}/api/v2`. */
  url: string;
  close(): Promise<void>;
};

export async function startTerraEmulator(options: TerraEmulatorOptions = {}): Promise<TerraEmulator> {
  const host = options.host ?? '127.0.0.1';
  const state = new EmulatorState();
  for (const developer of options.developers ?? []) state.upsertDeveloper(developer);
  const webhooks = new WebhookSender(state);
  const ctx: EmulatorContext = { state, webhooks, baseUrl: '' };
  const server = http.createServer(createRequestListener(ctx));
  await listen(server, options.port ?? 0, host);
  ctx.baseUrl = `http://${urlHost(host)}:${boundPort(server)}`;
  return {
    url: ctx.baseUrl,
    close: () => closeServer(server, webhooks),
  };
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function boundPort(server: http.Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server is not on TCP');
  return address.port;
}

/** A wildcard bind is reached through loopback; IPv6 literals need brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

// Hanging fault requests never end on their own, so connections are cut rather than drained.
function closeServer(server: http.Server, webhooks: WebhookSender): Promise<void> {
  webhooks.close();
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}
