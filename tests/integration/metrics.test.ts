import { describe, expect, inject, it } from 'vitest';
import { tenantOf } from '../support/factories';
import { request } from '../support/http';
import { connectSandboxDevice, signInOverHttp } from '../support/portal-user';
import { METRICS_TOKEN } from './global-setup';

const origin = inject('origin');
const acme = tenantOf('acme');

/** Prometheus text exposition: `# HELP`/`# TYPE` lines, then `name{labels} value` samples. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?(?:[0-9.e+-]+|NaN|\+Inf|-Inf))$/.exec(line);
    if (!match?.[1] || !match[2]) throw new Error(`not Prometheus text: ${line}`);
    samples.set(match[1], Number(match[2]));
  }
  return samples;
}

const scrape = (authorization?: string) =>
  request(origin, {
    host: 'localhost',
    path: '/api/metrics',
    headers: authorization ? { authorization } : {},
  });

describe('GET /api/metrics', () => {
  it('answers 401 without the bearer token or with a wrong one', async () => {
    for (const authorization of [undefined, `Bearer ${METRICS_TOKEN}x`, METRICS_TOKEN, 'Basic abc']) {
      const res = await scrape(authorization);
      expect([authorization, res.status]).toEqual([authorization, 401]);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.body).not.toContain('portal_');
    }
  });

  it('counts requests by route kind and status, source calls, and the webhook queue', async () => {
    const { cookie } = await signInOverHttp(origin, acme.host, acme.apiKey, 'metrics-user');
    await connectSandboxDevice(origin, acme.host, cookie, 'OURA');
    await request(origin, { host: acme.host, path: '/devices/connections', headers: { cookie } });
    expect((await acme.api.call('GET', '/api/v1/providers')).status).toBe(200);

    const res = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheus(res.body);
    expect(samples.get('portal_http_requests_total{kind="api",status="200"}')).toBeGreaterThan(0);
    expect(samples.get('portal_http_requests_total{kind="page",status="200"}')).toBeGreaterThan(0);
    expect(samples.get('portal_http_request_duration_seconds_count{kind="api"}')).toBeGreaterThan(0);
    expect(
      samples.get(
        'portal_source_request_duration_seconds_count{source="sandbox",operation="listConnections",outcome="ok"}',
      ),
    ).toBeGreaterThan(0);
    expect(samples.get('portal_webhook_queue_depth')).toBeGreaterThanOrEqual(0);
    expect(samples.get('portal_webhook_queue_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(res.body).toContain('# TYPE portal_webhook_delivery_attempts_total counter');
    expect(res.body).not.toContain(acme.apiKey);
    expect(res.body).not.toContain('metrics-user');
  });
});
