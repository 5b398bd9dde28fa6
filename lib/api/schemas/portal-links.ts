import { z } from 'zod';
import { locale } from '@/lib/tenants/tenant-fields';
import { connectionId, providerId, referenceId } from './common';

export const LINK_INTENTS = ['manage', 'connect', 'reconnect', 'disconnect'] as const;
export const LINK_CHANNELS = ['redirect', 'email'] as const;

export const createPortalLinkBody = z
  .strictObject({
    reference_id: referenceId,
    intent: z.enum(LINK_INTENTS, { error: `must be one of ${LINK_INTENTS.join(', ')}` }).default('manage'),
    provider: providerId.optional(),
    connection_id: connectionId.optional(),
    return_url: z.string().max(2048, 'must be at most 2048 characters').optional(),
    locale: locale.optional(),
    expires_in: z
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(60, 'must be at least 60 seconds')
      .max(604800, 'must be at most 604800 seconds (7 days)')
      .default(900),
    channel: z.enum(LINK_CHANNELS, { error: 'must be redirect or email' }).default('redirect'),
    user_label: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(80, 'must be at most 80 characters')
      .refine((label) => !/[\u0000-\u001f\u007f]/.test(label), 'must not contain control characters')
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (body.intent === 'connect' && !body.provider) {
      ctx.addIssue({ code: 'custom', path: ['provider'], message: 'is required when intent is connect' });
    }
    if ((body.intent === 'reconnect' || body.intent === 'disconnect') && !body.connection_id) {
      ctx.addIssue({
        code: 'custom',
        path: ['connection_id'],
        message: `is required when intent is ${body.intent}`,
      });
    }
  });

export type CreatePortalLinkInput = z.output<typeof createPortalLinkBody>;

export const portalLinkObject = z.object({
  id: z.string(),
  object: z.literal('portal_link'),
  url: z.string(),
  expires_at: z.string(),
  created_at: z.string(),
  reference_id: z.string(),
  intent: z.enum(LINK_INTENTS),
  provider: z.string().nullable(),
  connection_id: z.string().nullable(),
  channel: z.enum(LINK_CHANNELS),
  return_url: z.string().nullable(),
  locale: z.string().nullable(),
  user_label: z.string().nullable(),
});
