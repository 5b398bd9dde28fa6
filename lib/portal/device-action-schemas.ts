import { z } from 'zod';
import { connectionId, providerId } from '@/lib/api/schemas/common';

/** Form fields of the device server actions (kept outside 'use server' files). */
export const connectForm = z.object({
  provider: providerId,
  connection_id: connectionId.optional().or(z.literal('').transform(() => undefined)),
});
export const disconnectForm = z.object({ connection_id: connectionId });
export const sandboxDecisionForm = z.object({
  state: z.string().min(1).max(128),
  decision: z.enum(['allow', 'deny', 'error']),
});
