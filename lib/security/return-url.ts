/** Rules for where we may send a user back to: the tenant's own app, never an open redirect. */
function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '127.0.0.1' ||
    hostname === '[::1]'
  );
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** An origin a tenant may allow: https, or http on loopback; no path, credentials or query. */
export function isAllowedReturnOriginShape(value: string): boolean {
  const url = parse(value);
  if (!url || url.username || url.password) return false;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return false;
  return value.replace(/\/$/, '') === url.origin;
}

/** Checks a return URL against the tenant's allow-list; returns the normalised URL or undefined. */
export function checkReturnUrl(value: string, allowedOrigins: readonly string[]): string | undefined {
  const url = parse(value);
  if (!url || url.username || url.password) return undefined;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname)))
    return undefined;
  return allowedOrigins.includes(url.origin) ? url.href : undefined;
}
