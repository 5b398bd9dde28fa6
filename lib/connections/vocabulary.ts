// Names every layer shares (schema, API, sources, CLI): one list each, so a new source or status is
// added in one place. No imports: the database schema reads these too.

/** The data platforms a tenant can use (SPEC §6). */
export const SOURCE_NAMES = ['sandbox', 'terra'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** A connection's lifecycle (SPEC §1); `pending` while a connect is in progress. */
export const CONNECTION_STATUSES = ['pending', 'active', 'reauth_required', 'error', 'disconnected'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];
