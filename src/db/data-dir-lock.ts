// A lock file beside the embedded cluster. PGlite has no postmaster to refuse a
// second opener, and two processes writing one folder corrupt it, so Puncta
// refuses to start when a live process already holds the folder.
//
// How it stays correct:
// - The lock file is created with O_EXCL ('wx'), so of several starters exactly
//   one creates it. Its content names the owner and carries a random token.
// - A lock whose owner is gone (kill -9, power loss) is stale and is taken over.
//   "Gone" is checked with signal 0 and, on Linux, also with the boot id and the
//   process start time from /proc, so a pid that was recycled after a reboot or
//   by an unrelated process does not keep the folder locked forever.
// - Removing a stale lock is the racy part: two starters may both judge it stale,
//   and the slower one could delete the fresh lock the faster one has just made.
//   So only the starter that creates the takeover file for that exact lock
//   (O_EXCL again, named after the stale lock's token) may delete it, and only
//   after reading it once more to be sure it is still that same stale lock.
//   Nobody else can remove or replace that file in the meantime, so the check
//   and the unlink cannot be split by another starter.
// - A lock file that is empty or unreadable is either being written right now
//   (the owner created it a moment ago) or was cut short by a crash: it counts
//   as held while young and as stale once older than a few seconds.
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { open, readFile, realpath, stat, unlink } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** Random per acquisition: tells this lock file apart from any earlier one. */
  token: string;
  /** Linux only: the kernel boot the owner ran in, and when its process started. */
  bootId?: string;
  processStart?: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
    readonly lockPath: string,
  ) {
    const sameHost = owner.host === hostname();
    super(
      `The data folder ${dataDir} is in use by another Puncta process ` +
        `(pid ${owner.pid}${sameHost ? '' : ` on ${owner.host}`}, started ${owner.startedAt}). ` +
        `Stop that process first, or point PUNCTA_DATA_DIR at another folder.` +
        (sameHost
          ? ''
          : ` Its liveness cannot be checked from here: if no Puncta process on ${owner.host} ` +
            `uses the folder any more, delete ${lockPath}.`),
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK_FILE = 'puncta.lock';
/** An unreadable lock younger than this is assumed to be still being written. */
const UNREADABLE_GRACE_MS = 5_000;
/** Long enough for an unreadable lock to age past the grace period. */
const GIVE_UP_AFTER_MS = UNREADABLE_GRACE_MS + 2_000;
const RETRY_DELAY_MS = 25;

// Locks this process holds, by real path. Shared through globalThis so that two
// copies of this module (test runners load modules per file) still agree.
const heldHere: Set<string> = ((globalThis as Record<symbol, unknown>)[Symbol.for('puncta.dataDirLocks')] ??=
  new Set<string>()) as Set<string>;

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  // The real path, so that a symlink or a relative path cannot sneak past heldHere.
  const lockPath = path.join(await realpath(dataDir), LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
    ...linuxProcessIdentity(process.pid),
  };
  if (heldHere.has(lockPath)) {
    // Opening the folder twice in one process corrupts it just the same.
    const current = await inspectLock(lockPath);
    throw new DataDirLockedError(dataDir, current?.owner ?? me, lockPath);
  }

  const giveUpAt = Date.now() + GIVE_UP_AFTER_MS;
  while (Date.now() < giveUpAt) {
    if (await createLockFile(lockPath, me)) {
      heldHere.add(lockPath);
      return {
        path: lockPath,
        async release() {
          if (!heldHere.delete(lockPath)) return;
          // Only ever delete our own lock, never one that replaced it.
          const current = await inspectLock(lockPath);
          if (current?.owner?.token === me.token) await unlink(lockPath).catch(() => {});
        },
      };
    }
    const seen = await inspectLock(lockPath);
    if (seen === undefined) continue; // released in the meantime: try again
    if (seen.owner === undefined) {
      if (Date.now() - seen.mtimeMs < UNREADABLE_GRACE_MS) {
        await delay(RETRY_DELAY_MS);
        continue;
      }
    } else if (isAlive(seen.owner)) {
      throw new DataDirLockedError(dataDir, seen.owner, lockPath);
    }
    // Stale. Whoever wins the takeover file removes it; everyone loops and
    // competes again for the O_EXCL create.
    if (!(await removeStaleLock(lockPath, seen.identity))) await delay(RETRY_DELAY_MS);
  }
  throw new Error(
    `Could not lock the data folder ${dataDir}: a stale lock could not be taken over. ` +
      `If no Puncta process uses the folder, delete ${lockPath} and any ${LOCK_FILE}.takeover-* files beside it.`,
  );
}

/** True when this call created the lock file; false when one already exists. */
async function createLockFile(lockPath: string, me: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(me));
  } finally {
    await handle.close();
  }
  return true;
}

interface SeenLock {
  owner: LockOwner | undefined;
  /** What tells this lock file apart from any other: its token, or its inode and time. */
  identity: string;
  mtimeMs: number;
}

async function inspectLock(lockPath: string): Promise<SeenLock | undefined> {
  try {
    const [info, text] = await Promise.all([stat(lockPath), readFile(lockPath, 'utf8')]);
    const owner = parseOwner(text);
    return {
      owner,
      identity: owner?.token ?? `${info.ino}-${info.mtimeMs}-${info.size}`,
      mtimeMs: info.mtimeMs,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return {
      pid: parsed.pid,
      host: parsed.host,
      startedAt: String(parsed.startedAt),
      // Locks written before tokens existed still get a stable identity.
      token: typeof parsed.token === 'string' ? parsed.token : `legacy-${parsed.pid}-${String(parsed.startedAt)}`,
      ...(typeof parsed.bootId === 'string' ? { bootId: parsed.bootId } : {}),
      ...(typeof parsed.processStart === 'string' ? { processStart: parsed.processStart } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * Deletes the lock file if it is still the stale one identified by `identity`.
 * Returns false when another starter is doing the takeover right now.
 */
async function removeStaleLock(lockPath: string, identity: string): Promise<boolean> {
  const digest = createHash('sha256').update(identity).digest('hex').slice(0, 16);
  const takeoverPath = `${lockPath}.takeover-${digest}`;
  let handle;
  try {
    handle = await open(takeoverPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(String(process.pid));
    await handle.close();
    const current = await inspectLock(lockPath);
    if (current?.identity === identity) await unlink(lockPath).catch(ignoreMissing);
    return true;
  } finally {
    await unlink(takeoverPath).catch(ignoreMissing);
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock written on another host (a shared folder) cannot be checked: honour it.
  if (owner.host !== hostname()) return true;
  // Our own pid, but not a lock we hold (that was refused earlier): an earlier
  // process that had the same pid, as happens to pid 1 in restarted containers.
  if (owner.pid === process.pid) return false;
  const current = linuxProcessIdentity(owner.pid);
  if (owner.bootId !== undefined && current.bootId !== undefined && owner.bootId !== current.bootId) {
    return false; // written before the machine rebooted
  }
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid exists; on Linux make sure it is still the same process, not a recycled pid.
  if (owner.processStart !== undefined && current.processStart !== undefined) {
    return owner.processStart === current.processStart;
  }
  return true;
}

/** Boot id and start time (clock ticks since boot) of a process; empty off Linux. */
function linuxProcessIdentity(pid: number): { bootId?: string; processStart?: string } {
  const bootId = readProcFile('/proc/sys/kernel/random/boot_id')?.trim();
  const stat = readProcFile(`/proc/${pid}/stat`);
  // The command name in parentheses may hold spaces; the fields after it do not.
  // starttime is field 22 of the line, which is index 19 counting from state (field 3).
  const processStart = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  return {
    ...(bootId === undefined ? {} : { bootId }),
    ...(processStart === undefined ? {} : { processStart }),
  };
}

function readProcFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
