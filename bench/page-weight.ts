// First-load JavaScript of a page: every <script src="/_next/…"> it references, gzipped and summed,
// plus the inline scripts it carries (Next's RSC payload, or the link page's auto-submit).
import { gzipSync } from 'node:zlib';
import { request } from '../tests/support/http';

export type PageWeight = {
  path: string;
  status: number;
  /** Module scripts under /_next/: count and gzip KiB. */
  scripts: number;
  moduleKiB: number;
  /** Inline <script> bodies: gzip KiB, and the largest one in bytes (uncompressed). */
  inlineKiB: number;
  largestInlineBytes: number;
  htmlBytes: number;
};

const KiB = 1024;

export async function measurePageWeight(input: {
  origin: string;
  host: string;
  path: string;
  headers?: Record<string, string>;
}): Promise<PageWeight> {
  const page = await request(input.origin, { host: input.host, path: input.path, headers: input.headers });
  const sources = new Set<string>();
  for (const match of page.body.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)) {
    const src = match[1] ?? '';
    if (src.startsWith('/_next/')) sources.add(src);
  }
  let moduleBytes = 0;
  for (const src of sources) {
    const script = await request(input.origin, { host: input.host, path: src });
    if (script.status !== 200) throw new Error(`${src} answered ${script.status}`);
    moduleBytes += gzipSync(script.body, { level: 9 }).length;
  }
  const inline = [...page.body.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) => match[1] ?? '',
  );
  const inlineGzip = inline.reduce((sum, body) => sum + (body ? gzipSync(body, { level: 9 }).length : 0), 0);
  return {
    path: input.path,
    status: page.status,
    scripts: sources.size,
    moduleKiB: moduleBytes / KiB,
    inlineKiB: inlineGzip / KiB,
    largestInlineBytes: Math.max(0, ...inline.map((body) => Buffer.byteLength(body))),
    htmlBytes: Buffer.byteLength(page.body),
  };
}

/** The pages the issue names, and /bench/hello as the reference. */
export async function measurePageWeights(input: {
  origin: string;
  rootDomain: string;
  host: string;
  cookie: string;
  linkPath: string;
}) {
  const { origin, host } = input;
  const withCookie = { headers: { cookie: input.cookie } };
  return {
    hello: await measurePageWeight({ origin, host: input.rootDomain, path: '/bench/hello' }),
    devices: await measurePageWeight({ origin, host, path: '/devices', ...withCookie }),
    // The path holds a live token: the report names it generically.
    link: { ...(await measurePageWeight({ origin, host, path: input.linkPath })), path: '/l/{token}' },
    authorize: await measurePageWeight({ origin, host, path: '/sandbox/authorize', ...withCookie }),
  };
}
