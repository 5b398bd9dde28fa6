// The targets, each a ratio to a baseline measured in the same run.
import type { LighthouseScores } from './lighthouse';
import type { LoadResult } from './load';
import type { PageWeight } from './page-weight';

export type Measured = {
  floor: LoadResult[];
  hello: LoadResult[];
  devices: LoadResult[];
  mint: LoadResult[];
  /** The small and the 10k/1M database, each behind its own server, measured in alternating rounds. */
  scale: { devices: ScalePair; mint: ScalePair };
  weights: { hello: PageWeight; devices: PageWeight; link: PageWeight; authorize: PageWeight };
  /** Peak MiB under each page's load alone, each on a fresh server: the median of the samples. */
  rss: { hello: number; devices: number };
  rssSamples: { hello: number[]; devices: number[] };
  lighthouse: LighthouseScores[];
};

export type ScalePair = { small: LoadResult[]; large: LoadResult[] };

export type Target = { name: string; value: number; limit: string; pass: boolean; unit: string };

const at = (results: LoadResult[], connections: number): LoadResult => {
  const found = results.find((result) => result.connections === connections);
  if (!found) throw new Error(`no result at ${connections} connections`);
  return found;
};

/** Throughput ratio a/b at each concurrency; the worse one counts. */
function worstThroughputRatio(a: LoadResult[], b: LoadResult[]): number {
  return Math.min(
    ...a.map((result) => result.requestsPerSecond / at(b, result.connections).requestsPerSecond),
  );
}

function scaleTarget(page: string, pair: ScalePair): Target {
  const value = worstThroughputRatio(pair.large, pair.small);
  return {
    name: `10k/1M ${page} req/s ÷ small DB (worst)`,
    value,
    limit: '≥ 0.9',
    pass: value >= 0.9,
    unit: '×',
  };
}

const INLINE_SCRIPT_LIMIT_BYTES = 1024;
const EXTRA_JS_KIB = 25;
/** Lighthouse's mobile scores the issue asks of every page an end user sees. */
const LIGHTHOUSE_MINIMUMS = { performance: 98, accessibility: 100, 'best-practices': 100 } as const;

export function evaluateTargets(m: Measured): Target[] {
  const p99Ratio = at(m.devices, 100).p99 / at(m.hello, 100).p99;
  const jsExtra = m.weights.devices.moduleKiB - m.weights.hello.moduleKiB;
  const rssRatio = m.rss.devices / m.rss.hello;
  return [
    {
      name: '/devices req/s ÷ hello (worst of 10 and 100 conns)',
      value: worstThroughputRatio(m.devices, m.hello),
      limit: '≥ 0.5',
      pass: worstThroughputRatio(m.devices, m.hello) >= 0.5,
      unit: '×',
    },
    {
      name: '/devices p99 ÷ hello p99 at 100 conns',
      value: p99Ratio,
      limit: '≤ 2',
      pass: p99Ratio <= 2,
      unit: '×',
    },
    {
      name: 'portal_links req/s ÷ hello (worst of 10 and 100 conns)',
      value: worstThroughputRatio(m.mint, m.hello),
      limit: '≥ 0.5',
      pass: worstThroughputRatio(m.mint, m.hello) >= 0.5,
      unit: '×',
    },
    {
      name: '/l/{token}: framework JS (KiB gzip); largest inline script (bytes)',
      value: m.weights.link.moduleKiB,
      limit: `0 KiB; inline ${m.weights.link.largestInlineBytes} B < ${INLINE_SCRIPT_LIMIT_BYTES} B`,
      pass: m.weights.link.scripts === 0 && m.weights.link.largestInlineBytes < INLINE_SCRIPT_LIMIT_BYTES,
      unit: 'KiB',
    },
    {
      name: '/devices first-load JS − hello (KiB gzip)',
      value: jsExtra,
      limit: `≤ ${EXTRA_JS_KIB}`,
      pass: jsExtra <= EXTRA_JS_KIB,
      unit: 'KiB',
    },
    {
      name: 'RSS under /devices ÷ under hello',
      value: rssRatio,
      limit: '≤ 1.25',
      pass: rssRatio <= 1.25,
      unit: '×',
    },
    scaleTarget('/devices', m.scale.devices),
    scaleTarget('portal_links', m.scale.mint),
    ...m.lighthouse.flatMap(lighthouseTargets),
  ];
}

function lighthouseTargets({ page, scores }: LighthouseScores): Target[] {
  return Object.entries(LIGHTHOUSE_MINIMUMS).map(([category, minimum]) => {
    const value = scores[category as keyof typeof LIGHTHOUSE_MINIMUMS];
    return {
      name: `Lighthouse ${category}, ${page}`,
      value,
      limit: `≥ ${minimum}`,
      pass: value >= minimum,
      unit: 'points',
    };
  });
}
