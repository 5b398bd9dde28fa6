import { describe, expect, it } from 'vitest';
import { errorResponse, validationError } from '@/lib/api/errors';
import { createPortalLinkBody } from '@/lib/api/schemas/portal-links';

/** What a client receives for a portal-link body: the status and the envelope. */
async function refusal(body: unknown) {
  const parsed = createPortalLinkBody.safeParse(body);
  if (parsed.success) throw new Error('expected the body to be refused');
  const response = errorResponse(validationError(parsed.error.issues, body));
  return { status: response.status, body: await response.json() };
}

describe('validationError', () => {
  it.each([
    [
      'a missing field',
      {},
      {
        type: 'invalid_request_error',
        code: 'parameter_missing',
        message: 'reference_id is required.',
        param: 'reference_id',
      },
    ],
    [
      'a number where a string belongs',
      { reference_id: 5 },
      {
        type: 'invalid_request_error',
        code: 'parameter_invalid',
        message: 'reference_id must be a string.',
        param: 'reference_id',
      },
    ],
    [
      'null where a string belongs',
      { reference_id: null },
      {
        type: 'invalid_request_error',
        code: 'parameter_invalid',
        message: 'reference_id must be a string.',
        param: 'reference_id',
      },
    ],
    [
      'a string where a number belongs',
      { reference_id: 'user-1', expires_in: '900' },
      {
        type: 'invalid_request_error',
        code: 'parameter_invalid',
        message: 'expires_in must be a number.',
        param: 'expires_in',
      },
    ],
    [
      'an array where the body object belongs',
      [1],
      {
        type: 'invalid_request_error',
        code: 'parameter_invalid',
        message: 'body must be an object.',
        param: 'body',
      },
    ],
    [
      'a value out of range',
      { reference_id: 'user-1', expires_in: 30 },
      {
        type: 'invalid_request_error',
        code: 'parameter_invalid',
        message: 'expires_in: must be at least 60 seconds',
        param: 'expires_in',
      },
    ],
    [
      'an unknown field',
      { reference_id: 'user-1', colour: 'red' },
      {
        type: 'invalid_request_error',
        code: 'parameter_unknown',
        message: 'Unknown field: colour.',
        param: 'colour',
      },
    ],
  ])('reports %s', async (_, body, error) => {
    expect(await refusal(body)).toEqual({ status: 400, body: { error } });
  });
});
