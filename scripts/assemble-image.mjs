// @ts-check
// node scripts/assemble-image.mjs <out-dir>
// Lays out, in <out-dir>, the files the Dockerfile's runtime stage copies from a built checkout
// (after `next build`; NEXT_DIST_DIR stands in for .next). `cd <out-dir> && node server/start.mjs`
// then runs what the image's CMD runs, with no container runtime.
import fs from 'node:fs';
import path from 'node:path';
import { readRuntimeStage } from './dockerfile-runtime.mjs';

/** @param {string} out */
export function assembleImage(out) {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  const stage = readRuntimeStage();
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  for (const { from, to } of stage.copies) {
    // A build in another folder (NEXT_DIST_DIR) keeps that name inside the image too.
    const [source, target] = [from, to].map((where) => where.replace(/^\.next(?=\/|$)/, distDir));
    if (!source || !fs.existsSync(source)) throw new Error(`${from} does not exist: run next build first`);
    fs.cpSync(source, path.join(out, target ?? '.'), { recursive: true, verbatimSymlinks: true });
  }
  return stage;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('Usage: node scripts/assemble-image.mjs <out-dir>\n');
    process.exit(1);
  }
  assembleImage(out);
  process.stdout.write(`Assembled the image's files in ${out}\n`);
}
