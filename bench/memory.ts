// Peak server RSS under one page's load, on a fresh server of its own: memory a process has grown
// to under one page would otherwise be counted against the next page measured on it.
import { freePort, startTestServer } from '../tests/support/test-server';
import { type Scenario, runInterleaved } from './load';
import { sampleRss } from './rss';

export type ServerFactory = (port: number) => Record<string, string>;

export async function peakRssUnderLoad(input: {
  env: ServerFactory;
  /** The scenario for a server listening on this origin, with this root domain. */
  scenario: (origin: string, rootDomain: string) => Scenario;
  connections: number[];
}): Promise<number> {
  const port = await freePort();
  const server = await startTestServer({ port, env: input.env(port) });
  const rss = sampleRss(server.pid);
  try {
    rss.phase('load');
    const scenario = input.scenario(server.origin, `localhost:${port}`);
    for (const connections of input.connections) await runInterleaved([scenario], connections);
    return rss.peaks().byPhase.load ?? 0;
  } finally {
    rss.stop();
    await server.stop();
  }
}
