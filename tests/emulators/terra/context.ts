// What every route handler needs: the world, the webhook sender and the emulator's own URL.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from './state.js';
import type { WebhookSender } from './webhooks.js';

export type EmulatorContext = {
  state: EmulatorState;
  webhooks: WebhookSender;
  /** e.g. `http://127.0.0.1:4010`; widget and auth URLs point here. */
  baseUrl: string;
};

/** One incoming request, already read and split up by the router. */
export type RouteRequest = {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Route path: for REST without the `/v2` or `/api/v2` prefix, e.g. `/userInfo`. */
  path: string;
  /** The path exactly as requested, used as a problem's `instance`. */
  fullPath: string;
  /** Decoded like standard servers do: a raw `+` is a space. */
  query: URLSearchParams;
  rawBody: string;
};
