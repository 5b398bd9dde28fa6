import { logger } from '@/lib/log';
import { SourceUnavailableError } from '../connection-source';
import type { TerraConfig } from './terra-config';

const TIMEOUT_MS = 5_000;
const MAX_READ_RETRIES = 2;
const MAX_RETRY_WAIT_MS = 2_000;

export type TerraResponse = { status: number; body: unknown };

type TerraRequest = {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** Reads are retried on 5xx and 429; writes never are. */
  idempotent: boolean;
};

function retryDelayMs(response: Response, attempt: number): number {
  const header = Number(response.headers.get('retry-after'));
  return Number.isFinite(header) && header >= 0 ? header * 1000 : 250 * 2 ** attempt;
}

/** Terra's error text: problem+json `detail`, older `{status, message}`, or `title`. */
function errorText(body: unknown): string {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['detail', 'message', 'title']) if (typeof record[key] === 'string') return record[key];
  }
  return 'no details';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceUnavailableError(
      `Terra answered ${response.status} with a body that is not JSON.`,
      'bad_response',
    );
  }
}

/**
 * One Terra call: 5 s timeout, every query value URL-encoded (reference ids may hold "+"), reads
 * retried on 5xx/429 honouring Retry-After (briefly: a page is waiting). 404 is returned to the caller;
 * other failures become SourceUnavailableError with a kind the UI can explain.
 */
export async function terraRequest(config: TerraConfig, request: TerraRequest): Promise<TerraResponse> {
  const url = new URL(request.url);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {
    'dev-id': config.devId,
    'x-api-key': config.apiKey,
    accept: 'application/json',
  };
  if (request.body) headers['content-type'] = 'application/json';
  for (let attempt = 0; ; attempt += 1) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method,
        headers,
        body: request.body ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      logger.warn('terra.request_failed', { path: url.pathname, reason: timedOut ? 'timeout' : 'network' });
      throw new SourceUnavailableError(
        timedOut ? 'Terra did not answer in time.' : 'Terra could not be reached.',
        timedOut ? 'timeout' : 'server_error',
      );
    }
    const retryable = response.status === 429 || response.status >= 500;
    if (retryable && request.idempotent && attempt < MAX_READ_RETRIES) {
      const delay = retryDelayMs(response, attempt);
      if (delay <= MAX_RETRY_WAIT_MS) {
        await response.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
    }
    if (response.status === 404) return { status: 404, body: await readJson(response).catch(() => null) };
    const body = await readJson(response);
    if (response.ok) return { status: response.status, body };
    logger.warn('terra.request_error', {
      path: url.pathname,
      status: response.status,
      detail: errorText(body),
    });
    if (response.status === 401 || response.status === 403)
      throw new SourceUnavailableError('Terra refused the credentials.', 'auth');
    if (response.status === 429)
      throw new SourceUnavailableError('Terra is rate limiting requests.', 'rate_limited');
    if (response.status >= 500)
      throw new SourceUnavailableError(`Terra failed (${response.status}).`, 'server_error');
    throw new SourceUnavailableError(
      `Terra refused the request (${response.status}): ${errorText(body)}`,
      'bad_response',
    );
  }
}
