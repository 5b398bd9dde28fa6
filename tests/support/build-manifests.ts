import fs from 'node:fs';
import path from 'node:path';

/* What the production build says it serves, so a test can cover every route and action it lists. */
const buildDir = path.join(process.cwd(), process.env.NEXT_DIST_DIR ?? '.next');

/** Tenant-host paths from the build: /t/[host]/devices/[connectionId] → /devices/conn_… */
export function tenantPaths(values: Record<string, string>): string[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(buildDir, 'app-path-routes-manifest.json'), 'utf8'),
  ) as Record<string, string>;
  return Object.values(manifest)
    .filter((route) => route.startsWith('/t/[host]'))
    .map((route) => route.slice('/t/[host]'.length) || '/')
    .map((route) => route.replace(/\[(\w+)\]/g, (_, name: string) => values[name] ?? `unknown-${name}`));
}

/** Each server action's id and a page that hosts it (Next runs an action only from a page that imports it). */
export function serverActions(): Record<string, { id: string; page: string }> {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(buildDir, 'server/server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { exportedName?: string; workers: Record<string, unknown> }> };
  return Object.fromEntries(
    Object.entries(manifest.node).map(([id, entry]) => {
      const worker = Object.keys(entry.workers).sort()[0] ?? '';
      const page = worker.replace(/^app\/t\/\[host\]/, '').replace(/\/page$/, '') || '/';
      return [entry.exportedName ?? id, { id, page }];
    }),
  );
}
