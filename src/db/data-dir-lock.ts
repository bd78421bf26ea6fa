// A lock file beside the embedded cluster. PGlite has no postmaster to refuse a
// second opener, and two processes writing one folder corrupt it, so Puncta
// refuses to start when a live process already holds the folder.
import { hostname } from 'node:os';
import path from 'node:path';
import { open, readFile, unlink } from 'node:fs/promises';

export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Puncta process ` +
        `(pid ${owner.pid}, started ${owner.startedAt}). Stop that process first, ` +
        `or point PUNCTA_DATA_DIR at another folder.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const lockPath = path.join(dataDir, 'puncta.lock');
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      return {
        path: lockPath,
        async release() {
          const current = await readOwner(lockPath);
          if (current?.pid === me.pid) await unlink(lockPath).catch(() => {});
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readOwner(lockPath);
      if (owner !== undefined && isAlive(owner)) throw new DataDirLockedError(dataDir, owner);
      // Left behind by a process that died (kill -9, power loss): take it over.
      await unlink(lockPath).catch(() => {});
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}

async function readOwner(lockPath: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt) };
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock written on another host (a shared folder) cannot be checked: honour it.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
