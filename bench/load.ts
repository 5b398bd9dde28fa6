// Load scenarios with autocannon on loopback. Scenarios that are compared with each other run in
// alternating rounds, so a burst of other work on the machine lands on all of them alike.
import autocannon from 'autocannon';
import { cpuMilliseconds } from './cpu-time';

export type Scenario = {
  name: string;
  origin: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The server process, to report its CPU time per request. */
  serverPid?: number;
};

export type LoadResult = {
  name: string;
  connections: number;
  /** The median of the rounds' rates: one round hit by a burst of other work does not move it. */
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Responses outside 2xx plus socket errors and timeouts: any of them makes the numbers suspect. */
  failures: number;
  /** Server CPU (user + system) per request in ms, when the scenario names the server's pid. */
  cpuMsPerRequest: number | null;
};

/**
 * 2 s warm-up, then 10 s measured per scenario in five rounds of 2 s: short rounds spread a burst of
 * other work on the machine over every scenario.
 */
export const timing = { warmupSeconds: 2, rounds: 5, secondsPerRound: 2, serverWarmupSeconds: 10 };

type Round = {
  requests: number;
  seconds: number;
  latencies: number[];
  failures: number;
  cpuMs: number | null;
};

function fire(scenario: Scenario, connections: number, seconds: number): Promise<Round> {
  const latencies: number[] = [];
  let failures = 0;
  const cpu = () => (scenario.serverPid ? cpuMilliseconds(scenario.serverPid) : null);
  const cpuBefore = cpu();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${scenario.origin}${scenario.path}`,
        method: scenario.method ?? 'GET',
        headers: scenario.headers,
        body: scenario.body,
        connections,
        duration: seconds,
        timeout: 30,
      },
      (error, result) => {
        if (error) return reject(error);
        failures += result.errors + result.timeouts;
        const cpuAfter = cpu();
        const cpuMs = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
        resolve({ requests: result.requests.total, seconds: result.duration, latencies, failures, cpuMs });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) failures += 1;
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * A fresh server runs its code unoptimised until V8 has compiled the hot paths, which takes thousands
 * of requests on a slow machine: every server is loaded this long on each of its scenarios before it
 * is measured, so a server started later is not compared cold against a warm one.
 */
export async function warmUpServer(scenarios: Scenario[]): Promise<void> {
  for (const scenario of scenarios) await fire(scenario, 10, timing.serverWarmupSeconds);
}

/** Warms every scenario, then runs them in turn, round after round, at one concurrency. */
export async function runInterleaved(
  scenarios: Scenario[],
  connections: number,
  onResult: (result: LoadResult) => void = () => undefined,
): Promise<LoadResult[]> {
  for (const scenario of scenarios) await fire(scenario, connections, timing.warmupSeconds);
  const rounds = scenarios.map(() => [] as Round[]);
  for (let round = 0; round < timing.rounds; round++) {
    for (const [index, scenario] of scenarios.entries())
      rounds[index]?.push(await fire(scenario, connections, timing.secondsPerRound));
  }
  return scenarios.map((scenario, index) => {
    const runs = rounds[index] ?? [];
    const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
    const requests = runs.reduce((sum, run) => sum + run.requests, 0);
    const result = {
      name: scenario.name,
      connections,
      requestsPerSecond: median(runs.map((run) => run.requests / run.seconds)),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      requests,
      failures: runs.reduce((sum, run) => sum + run.failures, 0),
      cpuMsPerRequest: runs.every((run) => run.cpuMs !== null)
        ? runs.reduce((sum, run) => sum + (run.cpuMs ?? 0), 0) / Math.max(1, requests)
        : null,
    };
    onResult(result);
    return result;
  });
}
