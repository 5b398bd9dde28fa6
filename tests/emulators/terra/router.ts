// Splits each request by kind (admin, REST, widget, pages), logs it, applies queued faults,
// then hands it to one route module.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext, RouteRequest } from './context.js';
import { ADMIN_PREFIX, handleAdminRoute } from './admin-routes.js';
import { handlePageRoute } from './consent-routes.js';
import { headerValue } from './credentials.js';
import { applyRequestFaults } from './faults.js';
import { readBody, sendProblem } from './http-io.js';
import { handleRestRoute } from './rest-routes.js';
import { WIDGET_SESSION_PATHS, handleWidgetSession } from './widget-routes.js';

const REST_PREFIXES = ['/api/v2', '/v2'] as const;

export function createRequestListener(
  ctx: EmulatorContext,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    routeRequest(ctx, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const detail = error instanceof Error ? error.message : 'unexpected error';
      sendProblem(res, 500, detail, req.url ?? '/');
    });
  };
}

async function routeRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Concatenated, not resolved: a path like `//v2/x` must not turn into a host name.
  const url = new URL(`http://emulator.invalid${req.url ?? '/'}`);
  const fullPath = trimTrailingSlash(url.pathname);
  const restPrefix = REST_PREFIXES.find((prefix) => fullPath === prefix || fullPath.startsWith(`${prefix}/`));
  const request: RouteRequest = {
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    path: restPrefix === undefined ? fullPath : fullPath.slice(restPrefix.length) || '/',
    fullPath,
    query: url.searchParams,
    rawBody: await readBody(req),
  };
  if (fullPath === ADMIN_PREFIX || fullPath.startsWith(`${ADMIN_PREFIX}/`)) {
    handleAdminRoute(ctx, request);
    return;
  }
  logRequest(ctx, request);
  const devId = headerValue(req, 'dev-id');
  const match = { method: request.method, path: request.path, devId };
  if (await applyRequestFaults(ctx.state.faults, match, res)) return;
  if (restPrefix !== undefined) handleRestRoute(ctx, request);
  else if (WIDGET_SESSION_PATHS.includes(fullPath)) handleWidgetSession(ctx, request);
  else if (!handlePageRoute(ctx, request)) sendProblem(res, 404, 'Not found', fullPath);
}

function trimTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

/** Method, path, decoded query and whether credentials came; never the key itself. */
function logRequest(ctx: EmulatorContext, request: RouteRequest): void {
  ctx.state.requestLog.push({
    method: request.method,
    path: request.fullPath,
    query: Object.fromEntries(request.query),
    dev_id: headerValue(request.req, 'dev-id'),
    has_api_key: headerValue(request.req, 'x-api-key') !== null,
    time: new Date().toISOString(),
  });
}
