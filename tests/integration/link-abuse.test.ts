import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { tokenFromUrl } from '../support/api';
import { request } from '../support/http';
import { tenantOf } from '../support/factories';

const origin = inject('origin');
const acme = tenantOf('acme');
const acmeHost = acme.host;

async function mintToken(): Promise<string> {
  const res = await acme.api.mintLink({
    reference_id: `abuse-${Math.random().toString(36).slice(2)}`,
  });
  return tokenFromUrl(res.json<{ url: string }>().url);
}

describe('abuse of /l/*', () => {
  it('answers a client that keeps guessing tokens with 429 and Retry-After, without touching valid links', async () => {
    const attacker = '127.0.0.77';
    const valid = await mintToken();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      const guess = `${i.toString().padStart(2, '0')}${'x'.repeat(41)}`;
      const res = await request(origin, {
        host: acmeHost,
        path: `/l/${guess}`,
        method: 'POST',
        localAddress: attacker,
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    // Even a valid token is refused from the throttled address, and is not burned by the refusal…
    expect(
      (await request(origin, { host: acmeHost, path: `/l/${valid}`, method: 'POST', localAddress: attacker }))
        .status,
    ).toBe(429);
    // …so its owner, elsewhere, still redeems it.
    expect((await request(origin, { host: acmeHost, path: `/l/${valid}`, method: 'POST' })).status).toBe(303);
  });

  it('lets a mail scanner GET a valid link 35 times in a minute without locking out its owner', async () => {
    const scanner = '127.0.0.79';
    const token = await mintToken();
    const statuses: number[] = [];
    for (let i = 0; i < 35; i += 1) {
      statuses.push(
        (await request(origin, { host: acmeHost, path: `/l/${token}`, localAddress: scanner })).status,
      );
    }
    expect(statuses).toEqual(Array(35).fill(200));
    expect((await request(origin, { host: acmeHost, path: `/l/${token}` })).status).toBe(200);
    expect((await request(origin, { host: acmeHost, path: `/l/${token}`, method: 'POST' })).status).toBe(303);
  });

  it('a client-sent X-Forwarded-For does not dodge the limit', async () => {
    const attacker = '127.0.0.78';
    let last = 0;
    for (let i = 0; i < 22; i += 1) {
      const res = await request(origin, {
        host: acmeHost,
        path: `/l/${'y'.repeat(43)}`,
        localAddress: attacker,
        headers: { 'x-forwarded-for': `10.0.0.${i}` },
      });
      last = res.status;
    }
    expect(last).toBe(429);
  });

  it('never writes a token or an API key to the server log', async () => {
    const token = await mintToken();
    await request(origin, { host: acmeHost, path: `/l/${token}` });
    await request(origin, { host: acmeHost, path: `/l/${token}`, method: 'POST' });
    const log = fs.readFileSync(inject('serverLogFile'), 'utf8');
    expect(log).toContain('portal_link.redeemed');
    expect(log).not.toContain(token);
    expect(log).not.toContain(acme.apiKey);
  });
});
