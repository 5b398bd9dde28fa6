export function sqlState(error: unknown): string | undefined;
export function describeError(error: unknown): string;
