// @ts-check
/**
 * What the Dockerfile's final stage puts in the image and how it starts it, read from the file itself,
 * so scripts/assemble-image.mjs and the tests follow the Dockerfile rather than a copy of it.
 */
import fs from 'node:fs';

/**
 * @typedef {{ from: string, to: string }} RuntimeCopy  paths relative to the build stage's and the image's WORKDIR
 * @typedef {{ copies: RuntimeCopy[], env: Record<string, string>, cmd: string[], user: string | null, healthcheck: string | null }} RuntimeStage
 */

/** @param {string} dockerfile the Dockerfile's text @returns {RuntimeStage} */
export function parseRuntimeStage(dockerfile) {
  // Continuation lines joined; comments dropped.
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages = lines.reduce(
    (list, line) =>
      line.startsWith('FROM ')
        ? [...list, [line]]
        : list.length
          ? [...list.slice(0, -1), [...(list.at(-1) ?? []), line]]
          : list,
    /** @type {string[][]} */ ([]),
  );
  const runtime = stages.at(-1) ?? [];
  const workdir = (runtime.find((line) => line.startsWith('WORKDIR ')) ?? 'WORKDIR /app').slice(8).trim();
  /** @param {string} target */
  const relative = (target) =>
    target.replace(new RegExp(`^${workdir}/?`), '').replace(/^\.\/|^\.$/, '') || '.';
  /** @type {RuntimeStage} */
  const stage = { copies: [], env: {}, cmd: [], user: null, healthcheck: null };
  for (const line of runtime) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    if (instruction === 'COPY') {
      const args = rest.filter((arg) => !arg.startsWith('--'));
      if (!rest.some((arg) => arg.startsWith('--from=')))
        throw new Error(`COPY without --from in the runtime stage: ${line}`);
      const to = args.pop() ?? '';
      for (const from of args) stage.copies.push({ from: relative(from), to: relative(to) });
    } else if (instruction === 'ENV') {
      for (const pair of rest) {
        const [key = '', ...value] = pair.split('=');
        stage.env[key] = value.join('=');
      }
    } else if (instruction === 'CMD') {
      stage.cmd = JSON.parse(rest.join(' '));
    } else if (instruction === 'HEALTHCHECK') {
      stage.healthcheck = rest.join(' ');
    } else if (instruction === 'USER') {
      stage.user = rest[0] ?? null;
    }
  }
  return stage;
}

/** @param {string} [file] */
export function readRuntimeStage(file = 'Dockerfile') {
  return parseRuntimeStage(fs.readFileSync(file, 'utf8'));
}
