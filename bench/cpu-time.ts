// CPU time a process has used (user + system), read from /proc: with the request count of a round it
// gives the server's CPU cost per request, which other work on the machine barely changes.
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function cpuMilliseconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
