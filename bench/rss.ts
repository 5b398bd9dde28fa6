// Samples the resident memory of the server process and its children every 200 ms.
import fs from 'node:fs';

const SAMPLE_EVERY_MS = 200;

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may contain spaces, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

function rssKiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The process and every descendant (next start may fork a worker). */
function processTree(root: number): number[] {
  const pids = fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent === null) continue;
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() ?? root;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export type RssSampler = {
  /** Starts attributing samples to a named phase (e.g. the scenario under load). */
  phase: (name: string | null) => void;
  /** Peak RSS in MiB, per phase and over the whole run. */
  peaks: () => { overall: number; byPhase: Record<string, number> };
  stop: () => void;
};

export function sampleRss(pid: number): RssSampler {
  let current: string | null = null;
  let overall = 0;
  const byPhase: Record<string, number> = {};
  const sample = () => {
    const total = processTree(pid).reduce((sum, p) => sum + rssKiB(p), 0) / 1024;
    overall = Math.max(overall, total);
    if (current) byPhase[current] = Math.max(byPhase[current] ?? 0, total);
  };
  sample();
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  return {
    phase: (name) => {
      sample();
      current = name;
    },
    peaks: () => ({ overall, byPhase: { ...byPhase } }),
    stop: () => clearInterval(timer),
  };
}
