export type RuntimeCopy = { from: string; to: string };
export type RuntimeStage = {
  copies: RuntimeCopy[];
  env: Record<string, string>;
  cmd: string[];
  user: string | null;
  healthcheck: string | null;
};
export function parseRuntimeStage(dockerfile: string): RuntimeStage;
export function readRuntimeStage(file?: string): RuntimeStage;
