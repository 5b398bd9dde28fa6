import { describe, expect, it } from 'vitest';
import { describeError } from '@/lib/db/errors';

/** drizzle wraps every driver error as "Failed query: <sql>\nparams: <values>", values included. */
function drizzleQueryError(sql: string, params: string, cause?: Error): Error {
  const error = new Error(`Failed query: ${sql}\nparams: ${params}`, cause ? { cause } : undefined);
  error.name = 'DrizzleQueryError';
  return error;
}

describe('describeError', () => {
  it('names a driver error by its cause and SQLSTATE, never by the query or its values', () => {
    const cause = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const line = describeError(
      drizzleQueryError('select * from sessions where id = $1', 'ps_secret123', cause),
    );
    expect(line).toBe('Error: terminating connection due to administrator command (57P01)');
  });

  it('says only "query failed" when drizzle gives no cause (a failed begin)', () => {
    expect(describeError(drizzleQueryError('begin', ''))).toBe('DrizzleQueryError: query failed');
  });

  it('keeps the first line of any other error, with a non-SQL code', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432\n    at stack'), {
      code: 'ECONNREFUSED',
    });
    expect(describeError(refused)).toBe('Error: connect ECONNREFUSED 127.0.0.1:5432 (ECONNREFUSED)');
    expect(describeError('plain text')).toBe('plain text');
  });
});
