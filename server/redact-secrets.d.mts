// Types for redact-secrets.mjs (plain JavaScript so that `node server/start.mjs` runs it without a build).
export function redactSecrets(text: string): string;
export function redactStream(stream: NodeJS.WriteStream): void;
