// The embedded database belongs to exactly one process (DESIGN.md, Processes). A second process
// opening the same folder (say `pathway seed` beside a running server) corrupts it: PGlite has no
// lock of its own. So the first process writes its id into a lock file and every other refuses.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'pathway.lock';

export class DataDirLocked extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; startedAt?: string },
  ) {
    super(
      `Another Pathway process (pid ${holder.pid}${holder.startedAt ? `, started ${holder.startedAt}` : ''}) is using the embedded database in ${dataDir}. ` +
        'Stop it first, or run Pathway on PostgreSQL (DATABASE_URL), where any number of processes and commands can share one database.',
    );
  }
}

/** Lock files this process holds: a lock naming our own pid that we do not hold was left by an earlier
 * run that had the same pid (a container restarts with the same pids). */
const held = new Set<string>();

const alive = (pid: number): boolean => {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the data folder for this process, or throws DataDirLocked. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }));
      closeSync(fd);
      held.add(file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(file);
        process.off('exit', release);
        try {
          if (JSON.parse(readFileSync(file, 'utf8')).pid === process.pid) unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: { pid: number; host?: string; startedAt?: string };
    try {
      holder = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      holder = { pid: 0 };
    }
    // A lock left by a process that is gone (killed, crashed) on this machine is taken over.
    if (held.has(file)) throw new DataDirLocked(dataDir, holder);
    const stale =
      !Number.isInteger(holder.pid) || holder.pid <= 0 || (holder.host === hostname() && !alive(holder.pid));
    if (!stale) throw new DataDirLocked(dataDir, holder);
    try {
      unlinkSync(file);
    } catch {
      // Another process took it over first; the next attempt finds out.
    }
  }
  throw new DataDirLocked(dataDir, { pid: 0 });
}
