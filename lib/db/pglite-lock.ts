import fs from 'node:fs';
import path from 'node:path';

/** PGlite has no lock of its own: two processes writing one data directory silently lose rows. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database at ${dataDir} is in use by process ${holderPid}. ` +
        'Stop that process, use the HTTP API of the running portal, or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the data directory for this process, or throws DataDirLockedError naming the live holder. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  const absolute = path.resolve(dataDir);
  fs.mkdirSync(absolute, { recursive: true });
  const lockFile = `${absolute}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      const release = () => {
        if (readHolder(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockFile);
      if (holder === process.pid) throw new DataDirLockedError(absolute, holder);
      if (holder !== undefined && isAlive(holder)) throw new DataDirLockedError(absolute, holder);
      fs.rmSync(lockFile, { force: true }); // left by a process that died
    }
  }
  throw new DataDirLockedError(absolute, readHolder(lockFile) ?? 0);
}
