// The magic-link journey, one fresh link at a time: GET /l/{token} → POST redeem → GET /devices.
import { apiClient, tokenFromUrl } from '../tests/support/api';
import { type HttpResult, request } from '../tests/support/http';

export type JourneyResult = {
  links: number;
  /** Medians in ms, measured at the client on loopback (so server time plus a few tens of µs). */
  interstitial: number;
  redeem: number;
  devices: number;
  total: number;
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

async function timed(
  expectedStatus: number,
  send: () => Promise<HttpResult>,
): Promise<{ ms: number; result: HttpResult }> {
  const started = performance.now();
  const result = await send();
  const ms = performance.now() - started;
  if (result.status !== expectedStatus)
    throw new Error(`journey step answered ${result.status}, expected ${expectedStatus}`);
  return { ms, result };
}

export async function runJourney(input: {
  origin: string;
  host: string;
  apiKey: string;
  referenceId: string;
  links: number;
}): Promise<JourneyResult> {
  const { origin, host } = input;
  const api = apiClient(origin, input.apiKey);
  const tokens: string[] = [];
  for (let i = 0; i < input.links; i++) {
    const minted = await api.mintLink({ reference_id: input.referenceId });
    if (minted.status !== 201) throw new Error(`mint answered ${minted.status}: ${minted.body}`);
    tokens.push(tokenFromUrl(minted.json<{ url: string }>().url));
  }
  const steps = {
    interstitial: [] as number[],
    redeem: [] as number[],
    devices: [] as number[],
    total: [] as number[],
  };
  for (const token of tokens) {
    const shown = await timed(200, () => request(origin, { host, path: `/l/${token}` }));
    const redeemed = await timed(303, () => request(origin, { host, path: `/l/${token}`, method: 'POST' }));
    const cookie = redeemed.result.headers['set-cookie']?.[0]?.split(';')[0];
    if (!cookie) throw new Error('redeem set no cookie');
    const page = await timed(200, () => request(origin, { host, path: '/devices', headers: { cookie } }));
    steps.interstitial.push(shown.ms);
    steps.redeem.push(redeemed.ms);
    steps.devices.push(page.ms);
    steps.total.push(shown.ms + redeemed.ms + page.ms);
  }
  return {
    links: tokens.length,
    interstitial: median(steps.interstitial),
    redeem: median(steps.redeem),
    devices: median(steps.devices),
    total: median(steps.total),
  };
}
