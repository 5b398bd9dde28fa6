// @ts-check
/**
 * The request gate: what the HTTP layer refuses before Next.js sees a request. Next answers each of
 * these with a 500 (or worse, a redirect to the attacker's authority), so client input could make the
 * error rate a monitor watches. Pure functions; server/start.mjs applies them.
 */

/** Methods the portal serves; TRACE, TRACK, CONNECT and made-up methods make Next's Request() throw. */
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** A host name (or IPv4) with an optional port, or a bracketed IPv6 literal with an optional port. */
const HOST_PATTERN =
  /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Next.js refuses server-action bodies over 1 MB (its default bodySizeLimit) by crashing the request. */
export const ACTION_BODY_LIMIT = 1024 * 1024;
/** A magic-link form post is a few bytes; anything large only fills logs (which then name the URL). */
export const LINK_BODY_LIMIT = 16 * 1024;
/** Nothing the portal accepts is larger (the API stops at 64 KiB, a logo upload goes through the CLI). */
export const ANY_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * @typedef {{ status: 400 | 405 | 413, code: string, message: string, headers?: Record<string, string> }} Refusal
 * @typedef {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} GateRequest
 */

/** @param {string | string[] | undefined} value */
function single(value) {
  return Array.isArray(value) ? value[0] : value;
}

/** @param {string} path */
function hasValidPercentEncoding(path) {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * One node of Next's router state: [segment, { slot: node }, url?, refresh?, isRootLayout?], where a
 * segment is a name or a dynamic [param, value, type]. Checked to a bounded depth.
 * @param {unknown} node
 * @param {number} depth
 * @returns {boolean}
 */
function isRouterStateNode(node, depth) {
  if (depth > 32 || !Array.isArray(node) || node.length < 2 || node.length > 5) return false;
  const [segment, slots] = node;
  const isSegment =
    typeof segment === 'string' ||
    (Array.isArray(segment) && segment.length >= 3 && segment.every((part) => typeof part === 'string'));
  if (!isSegment || !slots || typeof slots !== 'object' || Array.isArray(slots)) return false;
  return Object.values(slots).every((child) => isRouterStateNode(child, depth + 1));
}

/**
 * Next-Router-State-Tree is client state for RSC navigations: a URI-encoded router state.
 * Anything else makes Next throw once per request, so it is dropped and the page renders in full.
 * @param {string | undefined} value
 */
export function isUsableRouterStateTree(value) {
  if (value === undefined) return true;
  try {
    return isRouterStateNode(JSON.parse(decodeURIComponent(value)), 0);
  } catch {
    return false;
  }
}

/**
 * null when the request may go on to Next.js, else what to answer.
 * @param {GateRequest} request
 * @returns {Refusal | null}
 */
export function refusalFor(request) {
  const method = (request.method ?? '').toUpperCase();
  if (!ALLOWED_METHODS.includes(method)) {
    return {
      status: 405,
      code: 'method_not_allowed',
      message: `The method ${method.slice(0, 16) || '(none)'} is not allowed here.`,
      headers: { allow: ALLOWED_METHODS.join(', ') },
    };
  }
  const url = request.url ?? '';
  // Absolute-form ("GET http://evil.example/"), authority-form and "*" never name one of our pages.
  if (!url.startsWith('/') || url.startsWith('//')) {
    return { status: 400, code: 'request_target_invalid', message: 'The request target must be a path.' };
  }
  const path = url.split('?')[0] ?? '';
  if (!hasValidPercentEncoding(path)) {
    return { status: 400, code: 'path_invalid', message: 'The path has an invalid percent-encoding.' };
  }
  const host = single(request.headers.host);
  if (!host || !HOST_PATTERN.test(host)) {
    return { status: 400, code: 'host_invalid', message: 'The Host header is missing or malformed.' };
  }
  return bodyRefusal(request.headers, path);
}

/**
 * @param {GateRequest['headers']} headers
 * @param {string} path
 * @returns {Refusal | null}
 */
function bodyRefusal(headers, path) {
  const declared = single(headers['content-length']);
  const length = declared === undefined ? undefined : Number(declared);
  const isLinkPath = path.startsWith('/l/');
  const limit = isLinkPath
    ? LINK_BODY_LIMIT
    : single(headers['next-action']) !== undefined
      ? ACTION_BODY_LIMIT
      : ANY_BODY_LIMIT;
  if (length !== undefined && length > limit) {
    return { status: 413, code: 'body_too_large', message: `The request body exceeds ${limit} bytes.` };
  }
  return null;
}

/** Response headers Next sets that name internal paths (for /l/ the path holds the link's token). */
export const INTERNAL_RESPONSE_HEADERS = ['x-middleware-rewrite', 'x-nextjs-rewritten-path'];
