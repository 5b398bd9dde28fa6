import { z } from 'zod';
import { pageLimit } from './common';

export const eventsQuery = z.strictObject({
  starting_after: z
    .string()
    .regex(/^evt_[A-Za-z0-9_-]{16}$/, 'must be an event id such as evt_…')
    .optional(),
  limit: pageLimit,
});

export const eventObjectSchema = z.object({
  id: z.string(),
  object: z.literal('event'),
  type: z.string(),
  created_at: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const eventListSchema = z.object({
  object: z.literal('list'),
  data: z.array(eventObjectSchema),
  has_more: z.boolean(),
});
