// Types for shutdown.mjs (plain JavaScript so that `node server/start.mjs` runs it without a build).
export function takeOverShutdown(): void;
export function onShutdown(task: () => Promise<void>): boolean;
export function runShutdownTasks(): Promise<void>;
