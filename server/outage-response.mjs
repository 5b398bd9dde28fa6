// @ts-check
/** What a request gets while the database cannot be reached: a readable 503, never a stack trace. */

export const RETRY_AFTER_SECONDS = 5;

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * @param {{ isApi: boolean, requestId: string }} request
 * @returns {{ contentType: string, body: string }}
 */
export function outageResponse({ isApi, requestId }) {
  if (isApi) {
    const error = {
      type: 'api_error',
      code: 'service_unavailable',
      message: `The service is temporarily unavailable; nothing was changed. Retry after ${RETRY_AFTER_SECONDS} seconds.`,
    };
    return { contentType: 'application/json', body: JSON.stringify({ error }) };
  }
  const id = escapeHtml(requestId);
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Temporarily unavailable</title>
<style>body{margin:0;padding:0 1rem;font:16px/1.5 system-ui,sans-serif;color:#1f2937;background:#f9fafb}main{max-width:32rem;margin:12vh auto;padding:2rem;background:#fff;border:1px solid #e5e7eb;border-radius:12px}h1{font-size:1.5rem;margin:0 0 .5rem}p{margin:.5rem 0;color:#4b5563}small{color:#6b7280}a{color:#0f766e;font-weight:600}
@media (prefers-color-scheme:dark){body{background:#111827;color:#f3f4f6}main{background:#1f2937;border-color:#374151}p{color:#d1d5db}small{color:#9ca3af}a{color:#5eead4}}</style></head>
<body><main><h1>Temporarily unavailable</h1>
<p>We can't reach our database right now. Nothing was changed. Please try again in a few seconds.</p>
<p><a href="">Try again</a></p>
<p><small>Reference: ${id}</small></p></main></body></html>
`;
  return { contentType: 'text/html; charset=utf-8', body };
}
