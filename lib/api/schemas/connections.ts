import { z } from 'zod';
import { connectionId, referenceId } from './common';
import { CONNECTION_STATUSES, SOURCE_NAMES } from '@/lib/connections/vocabulary';

export const connectionObjectSchema = z.object({
  id: z.string(),
  object: z.literal('connection'),
  reference_id: z.string(),
  provider: z.string(),
  status: z.enum(CONNECTION_STATUSES),
  connected_at: z.string().nullable(),
  last_data_at: z.string().nullable(),
  disconnected_at: z.string().nullable(),
  source: z.enum(SOURCE_NAMES),
});

export const userConnectionsParams = z.object({ referenceId: referenceId });
export const userConnectionsQuery = z.strictObject({
  status: z
    .enum(CONNECTION_STATUSES, { error: `must be one of ${CONNECTION_STATUSES.join(', ')}` })
    .optional(),
});
export const connectionParams = z.object({ connectionId: connectionId });

export const connectionListSchema = z.object({
  object: z.literal('list'),
  data: z.array(connectionObjectSchema),
  has_more: z.boolean(),
});

export const sandboxStatusBody = z.strictObject({
  status: z.enum(['active', 'reauth_required', 'error'], {
    error: 'must be active, reauth_required or error',
  }),
});

export const providerObjectSchema = z.object({
  id: z.string(),
  object: z.literal('provider'),
  name: z.string(),
  web_connect: z.boolean(),
});
export const providerListSchema = z.object({
  object: z.literal('list'),
  data: z.array(providerObjectSchema),
  has_more: z.boolean(),
});
