// Queued faults (section 7.5), matched by method and route path, each for `count` requests.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Fault, FaultKind } from './types.js';
import { sendJson, sendProblem, sendStatusMessage } from './http-io.js';

export const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'status429',
  'status500',
  'malformed_json',
  'hang',
  'status410',
  'foreign_row',
];

export type FaultInput = {
  method: string;
  path: string;
  kind: FaultKind;
  count?: number | undefined;
  ms?: number | undefined;
  retryAfterSeconds?: number | undefined;
  devId?: string | null | undefined;
};

export type MatchInput = { method: string; path: string; devId: string | null };

export class FaultQueue {
  private faults: Fault[] = [];

  add(input: FaultInput): Fault {
    const fault: Fault = {
      id: randomUUID(),
      method: input.method.toUpperCase(),
      path: input.path,
      kind: input.kind,
      remaining: input.count ?? 1,
      ms: input.ms ?? 0,
      retryAfterSeconds: input.retryAfterSeconds ?? 1,
      devId: input.devId ?? null,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  /** Drops every fault, or only those queued for one developer. */
  clear(devId?: string): void {
    this.faults = devId ? this.faults.filter((fault) => fault.devId !== devId) : [];
  }

  /** Takes every matching fault of the given kinds, using up one of each one's count. */
  take(match: MatchInput, kinds: readonly FaultKind[]): Fault[] {
    const taken = this.faults.filter((fault) => kinds.includes(fault.kind) && matches(fault, match));
    for (const fault of taken) fault.remaining -= 1;
    this.faults = this.faults.filter((fault) => fault.remaining > 0);
    return taken;
  }
}

function matches(fault: Fault, match: MatchInput): boolean {
  return (
    (fault.method === '*' || fault.method === match.method) &&
    (fault.path === '*' || fault.path === match.path) &&
    (fault.devId === null || fault.devId === match.devId)
  );
}

const RESPONSE_KINDS: readonly FaultKind[] = [
  'status429',
  'status500',
  'malformed_json',
  'hang',
  'status410',
];

/**
 * Applies latency, then the first answer-replacing fault. Returns true when the fault
 * answered (or deliberately never will), so the real route must not run.
 */
export async function applyRequestFaults(
  queue: FaultQueue,
  match: MatchInput,
  res: ServerResponse,
): Promise<boolean> {
  const latencyMs = queue.take(match, ['latency']).reduce((sum, fault) => sum + fault.ms, 0);
  if (latencyMs > 0) await delay(latencyMs);
  const [fault] = queue.take(match, RESPONSE_KINDS);
  if (fault === undefined) return false;
  answerWithFault(fault, res, match.path);
  return true;
}

function answerWithFault(fault: Fault, res: ServerResponse, path: string): void {
  switch (fault.kind) {
    case 'status429':
      sendJson(
        res,
        429,
        { detail: 'rate limit exceeded' },
        {
          'retry-after': String(fault.retryAfterSeconds),
          'x-terra-ratelimit-rule': 'r2',
        },
      );
      return;
    case 'status500':
      sendProblem(res, 500, 'emulated internal error', path);
      return;
    case 'status410':
      sendStatusMessage(res, 410, 'This endpoint is gone');
      return;
    case 'malformed_json':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"success","users":[{"user_id":');
      return;
    case 'hang':
      // Never answer: the socket stays open until the client gives up or the emulator closes.
      return;
    default:
      return;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
