// Prints the results as Markdown tables (pasteable into the README) and writes bench/results.json.
import fs from 'node:fs';
import path from 'node:path';
import type { JourneyResult } from './journey';
import type { LoadResult } from './load';
import type { PageWeight } from './page-weight';
import type { Measured, ScalePair, Target } from './targets';

export type Report = Measured & {
  machine: {
    cpus: number;
    node: string;
    postgres: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  buildSeconds: number;
  journey: JourneyResult;
  rssPeakMiB: number;
  seeded: { seconds: number; tenants: number; connections: number };
  targets: Target[];
};

const fixed = (value: number, digits = 0) => value.toFixed(digits);

const cpuOf = (result: LoadResult) =>
  result.cpuMsPerRequest === null ? '' : fixed(result.cpuMsPerRequest, 2);

function loadRow(label: string, result: LoadResult, references: { floor?: LoadResult; hello?: LoadResult }) {
  const ratio = (reference?: LoadResult) =>
    reference ? `${fixed(result.requestsPerSecond / reference.requestsPerSecond, 2)}×` : '';
  const failures = result.failures > 0 ? ` (${result.failures} failed)` : '';
  return `| ${label} | ${result.connections} | ${fixed(result.requestsPerSecond)}${failures} | ${fixed(result.p50)} | ${fixed(result.p99)} | ${cpuOf(result)} | ${ratio(references.floor)} | ${ratio(references.hello)} |`;
}

function scaleRows(label: string, pair: ScalePair): string[] {
  return pair.large.map((large) => {
    const small = pair.small.find((x) => x.connections === large.connections);
    if (!small) return '';
    const ratio = fixed(large.requestsPerSecond / small.requestsPerSecond, 2);
    return `| ${label} | ${large.connections} | ${fixed(small.requestsPerSecond)} | ${fixed(large.requestsPerSecond)} | ${ratio}× | ${fixed(small.p99)} | ${fixed(large.p99)} | ${cpuOf(small)} | ${cpuOf(large)} |`;
  });
}

function weightRow(weight: PageWeight) {
  return `| ${weight.path} | ${weight.status} | ${weight.scripts} | ${fixed(weight.moduleKiB, 1)} | ${fixed(weight.inlineKiB, 1)} | ${fixed(weight.htmlBytes / 1024, 1)} |`;
}

const loadAverages = (r: Report) =>
  `${r.machine.loadAverageAtStart.map((x) => fixed(x, 2)).join(' ')} at start, ${r.machine.loadAverageAtEnd.map((x) => fixed(x, 2)).join(' ')} at the end`;

/** More runnable work than one core's worth at the start or end of the run, beyond the benchmark itself. */
const busy = (r: Report) =>
  (r.machine.loadAverageAtStart[0] ?? 0) > 1 || (r.machine.loadAverageAtEnd[0] ?? 0) > r.machine.cpus + 1;

export function formatReport(r: Report): string {
  const same = (list: LoadResult[], connections: number) => list.find((x) => x.connections === connections);
  const lines = [
    `Machine: ${r.machine.cpus} cores, Node ${r.machine.node}, PostgreSQL ${r.machine.postgres}; load average ${loadAverages(r)}`,
    ...(busy(r)
      ? [
          '',
          '**The machine was busy with other work during this run**: absolute figures are low; ratios',
          'compare pages measured in alternating rounds, which cancels most of it.',
        ]
      : []),
    '',
    '| scenario | conns | req/s | p50 ms | p99 ms | server CPU ms/req | ÷ floor (a) | ÷ hello (b) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...r.floor.map((x) => loadRow('(a) node:http, same bytes as /devices', x, {})),
    ...r.hello.map((x) => loadRow('(b) Next.js /bench/hello', x, { floor: same(r.floor, x.connections) })),
    ...r.devices.map((x) =>
      loadRow('GET /devices (3 connections)', x, {
        floor: same(r.floor, x.connections),
        hello: same(r.hello, x.connections),
      }),
    ),
    ...r.mint.map((x) => loadRow('POST /api/v1/portal_links', x, { hello: same(r.hello, x.connections) })),
    '',
    `Magic-link journey (median of ${r.journey.links} fresh links, ms): GET /l/{token} ${fixed(r.journey.interstitial, 1)} · POST redeem ${fixed(r.journey.redeem, 1)} · GET /devices ${fixed(r.journey.devices, 1)} · all three ${fixed(r.journey.total, 1)}`,
    `Server RSS peak (MiB, the next start process and its children): whole run ${fixed(r.rssPeakMiB)} · under hello load alone ${fixed(r.rss.hello)} (median of ${r.rssSamples.hello.map((v) => fixed(v)).join(', ')}) · under /devices load alone ${fixed(r.rss.devices)} (median of ${r.rssSamples.devices.map((v) => fixed(v)).join(', ')})`,
    '',
    `Scale: ${r.seeded.tenants} tenants and ${r.seeded.connections} connections seeded in ${fixed(r.seeded.seconds, 1)} s (generate_series, then vacuum analyze), each database behind its own server, measured in alternating rounds:`,
    '',
    '| scenario | conns | small DB req/s | 10k/1M req/s | ratio | small p99 ms | 10k/1M p99 ms | small CPU ms/req | 10k/1M CPU ms/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...scaleRows('GET /devices', r.scale.devices),
    ...scaleRows('POST /api/v1/portal_links', r.scale.mint),
    '',
    '| page | status | scripts | first-load JS KiB gzip | inline script KiB gzip | HTML KiB |',
    '|---|---:|---:|---:|---:|---:|',
    weightRow(r.weights.hello),
    weightRow(r.weights.devices),
    weightRow(r.weights.link),
    weightRow(r.weights.authorize),
    '',
    'Lighthouse 12, default mobile settings (simulated slow 4G, 4× CPU slowdown), in Chromium:',
    '',
    '| page | performance | accessibility | best practices | below 1 |',
    '|---|---:|---:|---:|---|',
    ...r.lighthouse.map(
      (l) =>
        `| ${l.page} | ${l.scores.performance} | ${l.scores.accessibility} | ${l.scores['best-practices']} | ${l.misses.join('; ') || '—'} |`,
    ),
    '',
    '| target | measured | limit | result |',
    '|---|---:|---|---|',
    ...r.targets.map(
      (t) =>
        `| ${t.name} | ${fixed(t.value, 2)}${t.unit === '×' ? '×' : ` ${t.unit}`} | ${t.limit} | ${t.pass ? 'PASS' : 'FAIL'} |`,
    ),
  ];
  return lines.join('\n');
}

export function writeResults(report: Report): string {
  const file = path.join(process.cwd(), 'bench', 'results.json');
  fs.writeFileSync(file, `${JSON.stringify({ ...report, writtenAt: new Date().toISOString() }, null, 2)}\n`);
  return file;
}
