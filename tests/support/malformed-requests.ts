import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

/**
 * One thing the server answers, as a client addresses it: a path template with `[param]` segments,
 * the kind of host it lives on, and (for a server action) the action id its pages accept.
 */
export type Endpoint = {
  template: string;
  host: 'tenant' | 'apex' | 'any';
  methods: string[];
  actionId?: string;
};

/** Every app route of the build (pages, route handlers) and every server action with the pages that serve it. */
export function endpointsFromBuild(distDir: string): Endpoint[] {
  const routes = JSON.parse(
    fs.readFileSync(path.join(distDir, 'app-path-routes-manifest.json'), 'utf8'),
  ) as Record<string, string>;
  const actions = JSON.parse(
    fs.readFileSync(path.join(distDir, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { workers: Record<string, unknown> }> };
  const endpoints = Object.entries(routes).map(([file, route]): Endpoint => {
    const methods = file.endsWith('/page') ? ['GET', 'HEAD', 'POST'] : ['GET', 'POST', 'DELETE'];
    if (route === '/t/[host]' || route.startsWith('/t/[host]/'))
      return { template: route.slice('/t/[host]'.length) || '/', host: 'tenant', methods };
    return { template: route, host: route.startsWith('/api/') ? 'any' : 'apex', methods };
  });
  for (const [actionId, { workers }] of Object.entries(actions.node)) {
    for (const worker of Object.keys(workers)) {
      const route = routes[`/${worker.replace(/^app\//, '')}`];
      if (!route?.startsWith('/t/[host]')) continue;
      endpoints.push({
        template: route.slice('/t/[host]'.length) || '/',
        host: 'tenant',
        methods: ['POST'],
        actionId,
      });
    }
  }
  return endpoints;
}

/** `/api/v1/users/{reference_id}/connections` and `/api/v1/users/[referenceId]/connections` alike. */
export function routeShape(template: string): string {
  return template.replace(/\{[^}]+\}|\[[^\]]+\]/g, '*');
}

/** Printable ASCII only: what an HTTP client can put in a header value. */
const headerText = (maxLength: number) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength,
  });

/** Raw bytes written as %XX, most of them not UTF-8. */
const percentBytes = fc
  .uint8Array({ minLength: 1, maxLength: 12 })
  .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));

export const garbageSegment = fc.oneof(
  fc.webSegment(),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  percentBytes,
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%2F',
    '%00',
    '%25',
    '%u0041',
    '%',
    '%zz',
    ';x=1',
    '~',
    '*',
    '%20',
    '+',
  ),
  fc.integer({ min: 200, max: 5000 }).map((n) => 'a'.repeat(n)),
);

export const garbageQuery = fc.oneof(
  fc.constant(''),
  fc.webQueryParameters().map((q) => (q ? `?${q}` : '')),
  fc
    .tuple(
      fc.constantFrom(
        'limit',
        'starting_after',
        'status',
        'state',
        'result',
        'user_id',
        'resource',
        '_rsc',
        'provider',
        'connected',
        'callbackUrl',
        'limit[]',
        'status[0]',
      ),
      fc.oneof(
        garbageSegment,
        fc.constantFrom('-1', '0', '1e999', '101', 'NaN', 'evt_x', 'active', 'true', ''),
      ),
    )
    .map(([key, value]) => `?${key}=${value}`),
  fc
    .array(fc.tuple(fc.constantFrom('limit', 'status', 'state'), fc.webSegment()), {
      minLength: 2,
      maxLength: 6,
    })
    .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
  percentBytes.map((bytes) => `?q=${bytes}`),
);

export const pathSuffix = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('/', '/extra', '/./', '/%2e%2e/', '.json', '.rsc', '.txt', '//', ';a=b'),
  },
);

/** A body that a portal or API endpoint would not expect, with the content type that claims it. */
export const garbageBody = fc.oneof(
  { weight: 3, arbitrary: fc.constant<{ body?: string | Buffer; type?: string }>({}) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }).map((body) => ({ body, type: 'application/json' })) },
  {
    weight: 2,
    arbitrary: fc
      .record(
        {
          reference_id: fc.jsonValue({ maxDepth: 2 }),
          intent: fc.oneof(
            fc.constantFrom('manage', 'connect', 'reconnect', 'disconnect'),
            fc.jsonValue({ maxDepth: 1 }),
          ),
          connection_id: fc.jsonValue({ maxDepth: 1 }),
          provider: fc.jsonValue({ maxDepth: 1 }),
          return_url: fc.oneof(fc.webUrl(), fc.jsonValue({ maxDepth: 1 })),
          expires_in: fc.oneof(fc.double(), fc.integer(), fc.string()),
          status: fc.jsonValue({ maxDepth: 1 }),
          channel: fc.jsonValue({ maxDepth: 1 }),
          locale: fc.string({ maxLength: 30 }),
        },
        { requiredKeys: [] },
      )
      .map((record) => ({ body: JSON.stringify(record), type: 'application/json' })),
  },
  {
    weight: 1,
    arbitrary: fc
      .json({ maxDepth: 3 })
      .map((json) => ({ body: json.slice(0, Math.max(1, json.length - 1)), type: 'application/json' })),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((body) => ({ body, type: 'text/plain' })) },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 400 })
      .map((bytes) => ({ body: Buffer.from(bytes), type: 'application/octet-stream' })),
  },
  {
    weight: 1,
    arbitrary: fc.webQueryParameters().map((body) => ({ body, type: 'application/x-www-form-urlencoded' })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.webSegment(),
        fc.string({ maxLength: 200 }),
        fc.constantFrom(
          'multipart/form-data; boundary=b',
          'multipart/form-data',
          'multipart/form-data; boundary=other',
        ),
      )
      .map(([name, value, type]) => ({
        body: `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--b--\r\n`,
        type,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('['.repeat(5000), '{"a":'.repeat(2000), `"${'x'.repeat(70 * 1024)}"`)
      .map((body) => ({ body, type: 'application/json' })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.string({ maxLength: 80 }), headerText(60)).map(([body, type]) => ({ body, type })),
  },
);

/** Optional request headers a browser, a proxy or an attacker may send; `actionId` is a real server action. */
export function garbageHeaders(context: { sameOrigin: string; actionIds: string[] }) {
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
  return fc.record(
    {
      rsc: maybe(fc.constantFrom('1', '0', 'true')),
      'next-router-state-tree': maybe(
        fc.oneof(headerText(80), fc.constantFrom('%5B%22%22%5D', '%5B%5D', '%7B%7D', '%5B', 'null')),
      ),
      'next-router-prefetch': maybe(fc.constantFrom('1', '2')),
      'next-url': maybe(headerText(60)),
      'next-action': maybe(
        fc.oneof(fc.constantFrom(...context.actionIds), headerText(60), fc.constant('0'.repeat(42))),
      ),
      origin: maybe(fc.constantFrom(context.sameOrigin, 'https://evil.example', 'null', 'http://localhost')),
      'accept-language': maybe(headerText(80)),
      accept: maybe(
        fc.oneof(fc.constantFrom('text/x-component', 'application/json', '*/*', 'text/html'), headerText(30)),
      ),
      'idempotency-key': maybe(fc.oneof(headerText(300), fc.constant(''))),
      'x-forwarded-for': maybe(headerText(40)),
      'x-forwarded-host': maybe(fc.constantFrom('evil.example', 'acme.evil.example', '')),
      'x-tenant-id': maybe(headerText(20)),
      'x-middleware-subrequest': maybe(fc.constantFrom('middleware', 'proxy:proxy:proxy:proxy:proxy')),
      range: maybe(fc.constantFrom('bytes=0-', 'bytes=garbage', 'bytes=5-1')),
      'if-none-match': maybe(headerText(30)),
      'terra-signature': maybe(fc.oneof(headerText(80), fc.constant('t=1,v1=00'))),
      'x-terra-trace-id': maybe(headerText(60)),
    },
    { requiredKeys: [] },
  );
}

export const ODD_METHODS = ['PUT', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE', 'LOCK', 'SEARCH'];

export { headerText };
