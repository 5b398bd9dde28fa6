// @ts-check
/**
 * Anything shaped like one of our secrets is masked before it reaches a log line: API keys, webhook
 * signing secrets and magic-link paths. lib/log.ts applies it to our own lines; server/start.mjs to
 * everything the process prints, Next's own messages included (they name request URLs).
 */
const SECRET_PATTERNS = [
  /cp_(test|live)_[A-Za-z0-9_-]+/g,
  /whsec_[A-Za-z0-9+/=_-]+/g,
  /\/l\/[A-Za-z0-9_-]{20,}/g,
];

/** @param {string} text */
export function redactSecrets(text) {
  return SECRET_PATTERNS.reduce(
    (out, pattern) =>
      out.replace(pattern, (match) => `${match.slice(0, match.startsWith('/l/') ? 3 : 8)}[redacted]`),
    text,
  );
}

/**
 * Routes every write to stdout and stderr through redactSecrets.
 * @param {NodeJS.WriteStream} stream
 */
export function redactStream(stream) {
  const write = stream.write.bind(stream);
  /** @type {(chunk: unknown, ...rest: unknown[]) => boolean} */
  const redacted = (chunk, ...rest) =>
    write(
      typeof chunk === 'string' || Buffer.isBuffer(chunk) ? redactSecrets(chunk.toString()) : chunk,
      ...rest,
    );
  stream.write = /** @type {typeof stream.write} */ (redacted);
}
