import { spawnSync } from 'node:child_process';
import path from 'node:path';

export type CliResult = { status: number; stdout: string; stderr: string; json: unknown };

/** Runs `npm run portal -- …` the way an operator would (through tsx), against the given environment. */
export function runCli(args: string[], env: Record<string, string>): CliResult {
  const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
  const result = spawnSync(tsx, ['scripts/portal.ts', ...args], {
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const text = result.status === 0 ? result.stdout : result.stderr;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json };
}
