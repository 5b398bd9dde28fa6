// @ts-check
/**
 * NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is read by `next build` and embedded in the build: every
 * instance started from one build shares it. Set it (the same value for every build) only when
 * instances come from separate builds, e.g. during a rolling deploy of a rebuilt image, so a page
 * rendered by one build can still call the server actions of the next.
 * Next requires base64 of an AES key: 16, 24 or 32 bytes.
 * @param {string | undefined} value
 * @returns {string | undefined} why the value is refused, or undefined when it is usable or unset
 */
export function serverActionsKeyRefusal(value) {
  if (value === undefined || value === '') return undefined;
  const isBase64 = /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0;
  const bytes = isBase64 ? Buffer.from(value, 'base64').length : 0;
  if ([16, 24, 32].includes(bytes)) return undefined;
  return 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64 of 16, 24 or 32 bytes (openssl rand -base64 32)';
}
