import { sqlState } from '@/server/describe-error.mjs';

export { describeError } from '@/server/describe-error.mjs';

/** Maps driver errors (pg and PGlite share SQLSTATE codes) to what services care about. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}
