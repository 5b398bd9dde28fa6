// Signed webhook delivery (section 5): `terra-signature`, `terra-reference` and a trace id
// that stays the same across retries and duplicates of one event.
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { ClientRequest } from 'node:http';
import type { Developer } from './types.js';
import type { EmulatorState } from './state.js';

export type WebhookPayload = Record<string, unknown> & { type: string };

type WebhookEvent = {
  devId: string;
  traceId: string;
  terraReference: string;
  payload: WebhookPayload;
  rawBody: string;
};

type AttemptResult = { statusCode: number | null; error: string | null };

function signatureHeader(secret: string, unixSeconds: number, rawBody: string): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

export class WebhookSender {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly requests = new Set<ClientRequest>();
  private isClosed = false;

  constructor(private readonly state: EmulatorState) {}

  /** Queues one event for the developer and returns its trace id; delivery runs in the background. */
  send(developer: Developer, payload: WebhookPayload): string {
    const event: WebhookEvent = {
      devId: developer.devId,
      traceId: randomUUID(),
      terraReference: randomUUID(),
      payload,
      rawBody: JSON.stringify(payload),
    };
    void this.deliver(event);
    return event.traceId;
  }

  /** Cancels pending deliveries and aborts the ones in flight. */
  close(): void {
    this.isClosed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const request of this.requests) request.destroy();
    this.timers.clear();
    this.requests.clear();
  }

  private async deliver(event: WebhookEvent): Promise<void> {
    const settings = this.state.developers.get(event.devId)?.settings;
    if (settings === undefined) return;
    await this.sleep(settings.webhookDelayMs);
    const copies = Math.max(1, settings.webhookDuplicates);
    for (let copy = 1; copy <= copies && !this.isClosed; copy += 1) {
      await this.deliverCopy(event, copy);
    }
  }

  private async deliverCopy(event: WebhookEvent, copy: number): Promise<void> {
    for (let attempt = 1; !this.isClosed; attempt += 1) {
      const developer = this.state.developers.get(event.devId);
      if (developer === undefined) return;
      const result = await this.attempt(developer, event);
      this.log(event, developer.webhookUrl, copy, attempt, result);
      const isDelivered = result.statusCode !== null && result.statusCode < 300 && result.statusCode >= 200;
      const { webhookRetries, webhookRetryBackoffMs } = developer.settings;
      if (isDelivered || developer.webhookUrl === null || attempt > webhookRetries) return;
      await this.sleep(webhookRetryBackoffMs * 2 ** (attempt - 1));
    }
  }

  private attempt(developer: Developer, event: WebhookEvent): Promise<AttemptResult> {
    if (developer.webhookUrl === null) {
      return Promise.resolve({ statusCode: null, error: 'no webhook_url configured' });
    }
    const unixSeconds = Math.floor(Date.now() / 1000) - developer.settings.webhookStaleSeconds;
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(event.rawBody)),
      'terra-signature': signatureHeader(developer.signingSecret, unixSeconds, event.rawBody),
      'terra-reference': event.terraReference,
      'x-terra-trace-id': event.traceId,
    };
    return this.post(developer.webhookUrl, headers, event.rawBody, developer.settings.webhookTimeoutMs);
  }

  private post(
    url: string,
    headers: Record<string, string>,
    body: string,
    timeoutMs: number,
  ): Promise<AttemptResult> {
    return new Promise((resolve) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        resolve({ statusCode: null, error: 'invalid webhook_url' });
        return;
      }
      const client = target.protocol === 'https:' ? https : http;
      const request = client.request(target, { method: 'POST', headers, timeout: timeoutMs });
      this.requests.add(request);
      const finish = (result: AttemptResult): void => {
        this.requests.delete(request);
        resolve(result);
      };
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => finish({ statusCode: response.statusCode ?? null, error: null }));
        response.on('error', (error) => finish({ statusCode: null, error: error.message }));
      });
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', (error) => finish({ statusCode: null, error: error.message }));
      request.end(body);
    });
  }

  private log(
    event: WebhookEvent,
    url: string | null,
    copy: number,
    attempt: number,
    result: AttemptResult,
  ): void {
    this.state.webhookLog.push({
      trace_id: event.traceId,
      terra_reference: event.terraReference,
      dev_id: event.devId,
      type: event.payload.type,
      url,
      copy,
      attempt,
      status_code: result.statusCode,
      error: result.error,
      time: new Date().toISOString(),
      payload: event.payload,
    });
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}
