// Summarises a V8 .cpuprofile from `npm run bench -- --cpu-prof`: where the server's time went, by
// original source file (server chunks are mapped back through their source maps) and by function.
// Usage: npx tsx bench/profile-summary.ts .data/bench-profiles/CPU….cpuprofile [filter-regex] [rows]
import fs from 'node:fs';
import { AnyMap, type TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const [file, filter, rowsArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [filter-regex] [rows]\n');
  process.exit(1);
}
const pattern = filter ? new RegExp(filter) : null;
const rows = Number(rowsArg ?? 40);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;

const maps = new Map<string, TraceMap | null>();
function sourceMapOf(url: string): TraceMap | null {
  if (!maps.has(url)) {
    const mapFile = `${url.replace(/^file:\/\//, '')}.map`;
    maps.set(url, fs.existsSync(mapFile) ? new AnyMap(fs.readFileSync(mapFile, 'utf8'), mapFile) : null);
  }
  return maps.get(url) ?? null;
}

const shorten = (source: string) =>
  decodeURIComponent(source)
    .replace(/^.*\[project\]\//, '')
    .replace(/^.*node_modules\//, 'node_modules/')
    .replace(/^file:\/\//, '')
    .replace(`${process.cwd()}/`, '');

/** "source file:line function" — through the source map for our build's chunks. */
function labelOf(frame: CallFrame): { file: string; label: string } {
  const map = frame.url.includes('/server/chunks/') ? sourceMapOf(frame.url) : null;
  if (map) {
    const position = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
    if (position.source) {
      const source = shorten(position.source);
      return { file: source, label: `${source}:${position.line} ${position.name ?? frame.functionName}` };
    }
  }
  const source = frame.url ? shorten(frame.url) : frame.functionName;
  return { file: source, label: `${source}:${frame.lineNumber + 1} ${frame.functionName || '(anonymous)'}` };
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const labels = new Map(profile.nodes.map((node) => [node.id, labelOf(node.callFrame)]));

const selfTime = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  selfTime.set(id, (selfTime.get(id) ?? 0) + delta);
  total += delta;
});

const add = (table: Map<string, number>, key: string, time: number) =>
  table.set(key, (table.get(key) ?? 0) + time);
const inclusiveFile = new Map<string, number>();
const inclusiveFunction = new Map<string, number>();
const selfFile = new Map<string, number>();
for (const [id, time] of selfTime) {
  add(selfFile, labels.get(id)?.file ?? '?', time);
  const seenFiles = new Set<string>();
  const seenFunctions = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
    const label = labels.get(current);
    if (!label || !byId.has(current)) break;
    // Recursion would count a frame twice; each file and function counts once per sample.
    if (!seenFiles.has(label.file)) {
      seenFiles.add(label.file);
      add(inclusiveFile, label.file, time);
    }
    if (!seenFunctions.has(label.label)) {
      seenFunctions.add(label.label);
      add(inclusiveFunction, label.label, time);
    }
  }
}

function print(title: string, table: Map<string, number>): void {
  process.stdout.write(`\n${title}\n`);
  [...table]
    .filter(([key]) => key && (!pattern || pattern.test(key)))
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .forEach(([key, time]) =>
      process.stdout.write(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${key}\n`),
    );
}

process.stdout.write(`${(total / 1e6).toFixed(1)} s of samples in ${file}\n`);
print('Inclusive time by source file', inclusiveFile);
print('Self time by source file', selfFile);
print('Inclusive time by function', inclusiveFunction);
