// Builds the app once into the benchmark's own build folder.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// `next build` rewrites these to point at its build folder (.next-bench here); the checkout keeps
// pointing at .next, so they are put back as they were.
const FILES_NEXT_REWRITES = ['tsconfig.json', 'next-env.d.ts'];

/** `next build` into NEXT_DIST_DIR (set by run.ts); the output goes to a log, shown only on failure. */
export async function buildApp(): Promise<number> {
  const started = performance.now();
  const saved = FILES_NEXT_REWRITES.map((file) => ({
    file,
    text: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null,
  }));
  const nextBin = path.join(process.cwd(), 'node_modules/next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, 'build'], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (const { file, text } of saved) {
    if (text !== null && fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  }
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output}`);
  return (performance.now() - started) / 1000;
}
