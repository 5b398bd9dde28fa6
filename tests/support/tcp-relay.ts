import net from 'node:net';
import { freePort, serverEnv, startTestServer } from './test-server';

/**
 * A TCP relay on loopback in front of a real server (PostgreSQL here), so a test can take the
 * database away and give it back: `refuse()` closes the listener and every open connection (clients
 * then get ECONNREFUSED), `restore()` listens on the same port again.
 */
export async function startTcpRelay(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let listener: net.Server | undefined;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        listener = server;
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const port = await listen(0);
  const closeAll = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!listener) return resolve();
      listener.close(() => resolve());
      listener = undefined;
    });
  return {
    port,
    refuse: closeAll,
    restore: async () => {
      await listen(port);
    },
    close: closeAll,
  };
}

/** A portal server of its own that reaches PostgreSQL only through a relay the test can cut. */
export async function startServerBehindRelay(input: { databaseUrl: string; rootDomain: string }) {
  const target = new URL(input.databaseUrl);
  const relay = await startTcpRelay({ host: target.hostname, port: Number(target.port || 5432) });
  target.hostname = '127.0.0.1';
  target.port = String(relay.port);
  const port = await freePort();
  const server = await startTestServer({
    port,
    env: serverEnv({
      port,
      rootDomain: input.rootDomain,
      databaseUrl: target.toString(),
      pgliteDir: '/nonexistent',
    }),
  });
  return { relay, server };
}
