import { z } from 'zod';
import { PROVIDER_ID_PATTERN } from '@/lib/connections/provider-catalogue';

/** The tenant's id for its user: 1–128 characters of A-Z a-z 0-9 . _ : @ + - */
export const referenceId = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9._:@+-]+$/, 'may contain only letters, digits and . _ : @ + -');

export const providerId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(PROVIDER_ID_PATTERN, 'must be a provider id such as OURA');

export const connectionId = z
  .string()
  .regex(/^conn_[A-Za-z0-9_-]{16}$/, 'must be a connection id such as conn_…');

/** `limit` of every list endpoint: 1–100, default 20. */
export const pageLimit = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(100, 'must be at most 100')
  .default(20);
