// npm run bench — build once, serve on PostgreSQL, measure our pages against a bare node:http floor
// and a minimal Next.js page in the same run, then the small database against one holding 10k tenants
// and 1M connections, side by side.
// Flags: --skip-build (reuse the last build in NEXT_DIST_DIR), --cpu-prof (profiles the main server
// into .data/bench-profiles/ for `node bench/profile-summary.ts`).
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { request } from '../tests/support/http';
import { buildApp } from './build';
import { PostgresMissingError, describeDatabase, prepareBenchDatabases } from './database';
import { startFloorServer } from './floor-server';
import { runJourney } from './journey';
import { runLighthouse } from './lighthouse';
import { type LoadResult, type Scenario, median, runInterleaved, timing, warmUpServer } from './load';
import { peakRssUnderLoad } from './memory';
import { measurePageWeights } from './page-weight';
import { benchEnv, startPortal } from './portal-server';
import { type Report, formatReport, writeResults } from './report';
import { sampleRss } from './rss';
import { countRows, seedScale } from './scale-seed';
import { devicesScenario, helloScenario, mintScenario } from './scenarios';
import { BENCH_USER, seedBenchTenant } from './seed';
import { evaluateTargets } from './targets';

const CONCURRENCY = [10, 100];
const JOURNEY_LINKS = 50;
/** Peak RSS swings with the timing of V8's full collections, so each page is measured this often. */
const RSS_REPEATS = 3;

const { values: flags } = parseArgs({
  options: { 'skip-build': { type: 'boolean' }, 'cpu-prof': { type: 'boolean' } },
});
// A build folder of its own, so the benchmark never overwrites another build in this checkout.
process.env.NEXT_DIST_DIR ||= '.next-bench';
process.env.NEXT_TELEMETRY_DISABLED = '1';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const logResult = (result: LoadResult) =>
  log(
    `${result.name} @${result.connections}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms` +
      (result.failures > 0 ? ` — ${result.failures} of ${result.requests} FAILED` : ''),
  );

/** Each concurrency in turn; the scenarios within one concurrency alternate round by round. */
async function compare(scenarios: Scenario[]): Promise<LoadResult[][]> {
  const byScenario = scenarios.map(() => [] as LoadResult[]);
  for (const connections of CONCURRENCY) {
    const results = await runInterleaved(scenarios, connections, logResult);
    results.forEach((result, index) => byScenario[index]?.push(result));
  }
  return byScenario;
}

function assertStatus(what: string, status: number, expected: number, body: string): void {
  if (status !== expected)
    throw new Error(`${what} answered ${status}, expected ${expected}:\n${body.slice(0, 500)}`);
}

async function main(): Promise<void> {
  const loadAverageAtStart = os.loadavg();
  const databases = await prepareBenchDatabases(process.env.DATABASE_URL);
  const database = await describeDatabase(databases.small);
  log(`PostgreSQL ${database.version} (${database.settings}); build folder ${process.env.NEXT_DIST_DIR}`);
  const buildSeconds = flags['skip-build'] ? 0 : await buildApp();
  if (buildSeconds) log(`next build: ${buildSeconds.toFixed(1)} s`);

  const tenant = await seedBenchTenant(databases.small);
  const profileDir = path.join(process.cwd(), '.data', 'bench-profiles');
  const portal = await startPortal({
    databaseUrl: databases.small,
    apiKey: tenant.apiKey,
    nodeArgs: flags['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  const rss = sampleRss(portal.server.pid);
  try {
    const { target, host, user } = portal;
    const devicesPage = await request(target.origin, {
      host,
      path: '/devices',
      headers: { cookie: user.cookie },
    });
    assertStatus('/devices', devicesPage.status, 200, devicesPage.body);
    const hello = await request(target.origin, { host: target.rootDomain, path: '/bench/hello' });
    assertStatus('/bench/hello', hello.status, 200, hello.body);

    const floorServer = await startFloorServer(devicesPage.body);
    const [floor = []] = await compare([
      { name: 'floor', origin: floorServer.origin, path: '/', serverPid: floorServer.pid },
    ]);
    await floorServer.close();

    const devicesSmall = devicesScenario(target, user.cookie);
    const mintSmall = mintScenario(target, tenant.apiKey);
    log(`warming the server up (${timing.serverWarmupSeconds} s per page)…`);
    await warmUpServer([helloScenario(target), devicesSmall, mintSmall]);
    const [helloResults = [], devices = [], mint = []] = await compare([
      helloScenario(target),
      devicesSmall,
      mintSmall,
    ]);
    const journey = await runJourney({
      ...target,
      host,
      apiKey: tenant.apiKey,
      referenceId: BENCH_USER,
      links: JOURNEY_LINKS,
    });
    log(`journey: median ${journey.total.toFixed(1)} ms for the three requests`);

    const minted = await request(target.origin, { ...mintSmall, host: target.rootDomain });
    const linkPath = new URL(minted.json<{ url: string }>().url).pathname;
    const weights = await measurePageWeights({ ...target, host, cookie: user.cookie, linkPath });

    // An e-mailed link stays on its interstitial (a GET never redeems it), so it can be audited.
    const emailed = await request(target.origin, {
      ...mintSmall,
      host: target.rootDomain,
      body: JSON.stringify({ reference_id: BENCH_USER, channel: 'email' }),
    });
    assertStatus('POST /api/v1/portal_links (email)', emailed.status, 201, emailed.body);
    log('Lighthouse (mobile) on /devices, /l/{token} and the signed-out page…');
    const pageUrl = (path: string) => `http://${host}${path}`;
    const lighthouse = await runLighthouse([
      { name: '/devices', url: pageUrl('/devices'), cookie: user.cookie },
      {
        name: '/l/{token} (e-mail)',
        url: emailed.json<{ url: string }>().url.replace(/^https?:\/\/[^/]+/, `http://${host}`),
      },
      { name: '/signed-out', url: pageUrl('/signed-out') },
    ]);
    for (const { page, scores } of lighthouse) log(`Lighthouse ${page}: ${JSON.stringify(scores)}`);

    log(`peak RSS under each page alone, on a fresh server each, ${RSS_REPEATS} times in turn…`);
    const env = (port: number) => benchEnv(port, databases.small);
    const rssSamples = { hello: [] as number[], devices: [] as number[] };
    for (let repeat = 0; repeat < RSS_REPEATS; repeat++) {
      rssSamples.hello.push(
        await peakRssUnderLoad({
          env,
          scenario: (origin, rootDomain) => helloScenario({ origin, rootDomain }),
          connections: CONCURRENCY,
        }),
      );
      rssSamples.devices.push(
        await peakRssUnderLoad({
          env,
          scenario: (origin, rootDomain) => devicesScenario({ origin, rootDomain }, user.cookie),
          connections: CONCURRENCY,
        }),
      );
    }
    const rssUnder = { hello: median(rssSamples.hello), devices: median(rssSamples.devices) };
    const listed = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
    log(`RSS peaks (MiB): hello ${listed(rssSamples.hello)}; /devices ${listed(rssSamples.devices)}`);

    log('seeding 10,000 tenants and 1,000,000 connections…');
    const largeTenant = await seedBenchTenant(databases.large);
    const seedSeconds = await seedScale(databases.large, largeTenant.id);
    const counts = await countRows(databases.large);
    log(
      `seeded in ${seedSeconds.toFixed(1)} s (${counts.tenants} tenants, ${counts.connections} connections)`,
    );
    const large = await startPortal({ databaseUrl: databases.large, apiKey: largeTenant.apiKey });
    let scaleResults: LoadResult[][];
    try {
      const devicesLarge = { ...devicesScenario(large.target, large.user.cookie), name: 'devices (10k/1M)' };
      const mintLarge = { ...mintScenario(large.target, largeTenant.apiKey), name: 'portal_links (10k/1M)' };
      await warmUpServer([devicesLarge, mintLarge]);
      scaleResults = await compare([devicesSmall, devicesLarge, mintSmall, mintLarge]);
    } finally {
      await large.server.stop();
    }
    const [smallDevices = [], largeDevices = [], smallMint = [], largeMint = []] = scaleResults;

    const peaks = rss.peaks();
    const measured = {
      floor,
      hello: helloResults,
      devices,
      mint,
      scale: {
        devices: { small: smallDevices, large: largeDevices },
        mint: { small: smallMint, large: largeMint },
      },
      weights,
      rss: rssUnder,
      rssSamples,
      lighthouse,
    };
    const report: Report = {
      ...measured,
      machine: {
        cpus: os.cpus().length,
        node: process.versions.node,
        postgres: database.version,
        loadAverageAtStart,
        loadAverageAtEnd: os.loadavg(),
      },
      buildSeconds,
      journey,
      rssPeakMiB: peaks.overall,
      seeded: { seconds: seedSeconds, ...counts },
      targets: evaluateTargets(measured),
    };
    process.stdout.write(`${formatReport(report)}\n`);
    log(`wrote ${writeResults(report)}`);
  } finally {
    rss.stop();
    await portal.server.stop();
  }
  if (flags['cpu-prof']) log(`CPU profiles in ${profileDir}`);
}

main().catch((error: unknown) => {
  if (error instanceof PostgresMissingError) {
    process.stderr.write(`[bench] ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
