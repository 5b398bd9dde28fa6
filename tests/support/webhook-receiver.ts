import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = {
  headers: Record<string, string>;
  body: string;
  /** The Host header: shows which name the sender used while connecting to the pinned address. */
  host: string;
  path: string;
};

/** What the receiver does with one request: answer with a status, or hang until the sender gives up. */
export type ReceiverReply = { status: number; body?: string; delayMs?: number } | 'hang';

/**
 * A real HTTP server on 127.0.0.1 that records every webhook it gets and notices when two requests
 * with the same webhook-id are open at the same moment (a double send).
 */
export async function startWebhookReceiver(
  reply: (request: ReceivedWebhook, index: number) => ReceiverReply,
) {
  const received: ReceivedWebhook[] = [];
  const open = new Map<string, number>();
  const overlapping: string[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers[name] = value;
      const request = {
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
        host: req.headers.host ?? '',
        path: req.url ?? '',
      };
      const index = received.push(request) - 1;
      const id = headers['webhook-id'] ?? '';
      if ((open.get(id) ?? 0) > 0) overlapping.push(id);
      open.set(id, (open.get(id) ?? 0) + 1);
      const close = () => open.set(id, (open.get(id) ?? 1) - 1);
      res.on('close', close);
      const answer = reply(request, index);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'text/plain' });
        res.end(answer.body ?? 'ok');
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    overlapping,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
