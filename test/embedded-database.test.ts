// The embedded database is safe to hold real data: one process per data folder,
// acknowledged writes survive kill -9, SIGTERM closes cleanly, and backups
// come back. Crashes are real: child processes are killed, not simulated.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, readFile, realpath, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPglite, pgliteClusterDir, type Database } from '../src/db/database.ts';
import { acquireDataDirLock, DataDirLockedError } from '../src/db/data-dir-lock.ts';
import { backupDatabase, BackupError, restoreDatabase, RestoreRefusedError } from '../src/db/backup.ts';
import { organizations } from '../src/db/schema.ts';
import { createTestDatabase } from './support/test-database.ts';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'puncta-embedded-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A data folder holding a migrated cluster, made from the suite's template (no initdb). */
async function migratedDataDir(): Promise<string> {
  const dir = await scratchDir();
  const template = await readFile(inject('pgliteTemplate'));
  const database = await openPglite(dir, { loadDataDir: new Blob([template]) });
  await database.close();
  return dir;
}

async function withPglite<T>(dataDir: string, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openPglite(dataDir);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function slugs(database: Database): Promise<string[]> {
  const rows = await database.db.select({ slug: organizations.slug }).from(organizations).orderBy(organizations.slug);
  return rows.map((row) => row.slug);
}

/**
 * The cluster state PostgreSQL keeps in global/pg_control: 1 = shut down
 * cleanly, 6 = in production (it was running when it stopped: a crash). The
 * field sits after system_identifier (8 bytes) and two version numbers (4 each).
 */
async function clusterState(dataDir: string): Promise<number> {
  const control = await readFile(path.join(pgliteClusterDir(dataDir), 'global', 'pg_control'));
  return control.readInt32LE(16);
}
const DB_SHUTDOWNED = 1;
const DB_IN_PRODUCTION = 6;

async function readLockFile(dataDir: string): Promise<{ pid: number } | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, 'puncta.lock'), 'utf8')) as { pid: number };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A child process running one of test/fixtures, with its output as lines. */
class Fixture {
  readonly lines: string[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly process: ChildProcessWithoutNullStreams;
  private readonly listeners = new Set<() => void>();

  constructor(script: string, args: string[]) {
    const file = fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url));
    this.process = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'pipe' });
    let partial = '';
    this.process.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const listener of this.listeners) listener();
    });
    this.process.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => {
      this.process.on('close', (code, signal) => {
        for (const listener of this.listeners) listener();
        resolve({ code, signal });
      });
    });
    cleanups.push(async () => {
      if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
      await this.exited;
    });
  }

  /** Resolves once `ready(lines)` holds; fails on timeout or if the child exits first. */
  waitFor(ready: (lines: string[]) => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (ready(this.lines)) return finish();
        if (this.process.exitCode !== null || this.process.signalCode !== null) {
          finish(new Error(`fixture exited before ${what}:\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}:\n${this.stderr}`)), timeoutMs);
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error === undefined) resolve();
        else reject(error);
      };
      this.listeners.add(check);
      check();
    });
  }

  acks(): number[] {
    return this.lines.filter((line) => line.startsWith('ack ')).map((line) => Number(line.slice(4)));
  }
}

/** The pid of a process that has just exited (and so, for now, belongs to nobody). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('close', resolve));
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

async function writeLock(dataDir: string, owner: Record<string, unknown> | string): Promise<string> {
  const lockPath = path.join(dataDir, 'puncta.lock');
  await writeFile(lockPath, typeof owner === 'string' ? owner : JSON.stringify(owner));
  return lockPath;
}

describe('data folder lock', () => {
  it('refuses a second opener in the same process', async () => {
    const dir = await scratchDir();
    const lock = await acquireDataDirLock(dir);
    await expect(acquireDataDirLock(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await lock.release();
    const again = await acquireDataDirLock(dir);
    await again.release();
    expect(await readLockFile(dir)).toBeUndefined();
  });

  it('refuses while the owner lives, naming it, and takes over once it is gone', async () => {
    const dir = await scratchDir();
    // The test runner that started this worker is alive and is not us.
    await writeLock(dir, { pid: process.ppid, host: hostname(), startedAt: 'earlier', token: 'live' });
    const refused = await acquireDataDirLock(dir).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain(`pid ${process.ppid}`);
    expect((refused as Error).message).toContain('Stop that process first');

    await writeLock(dir, { pid: await deadPid(), host: hostname(), startedAt: 'earlier', token: 'dead' });
    const lock = await acquireDataDirLock(dir);
    expect(await readLockFile(dir)).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it.skipIf(process.platform !== 'linux')('does not mistake a recycled pid for the owner', async () => {
    const dir = await scratchDir();
    // A live pid, but the process behind it started at another time than the owner did.
    await writeLock(dir, { pid: process.ppid, host: hostname(), startedAt: 'earlier', token: 't', processStart: '1' });
    const lock = await acquireDataDirLock(dir);
    await lock.release();
    // Our own pid in a lock we do not hold: an earlier process with the same pid (pid 1 in containers).
    await writeLock(dir, { pid: process.pid, host: hostname(), startedAt: 'earlier', token: 'old-me' });
    await (await acquireDataDirLock(dir)).release();
  });

  it('honours a lock from another host and says how to clear it', async () => {
    const dir = await scratchDir();
    const lockPath = await writeLock(dir, { pid: 1, host: 'elsewhere.example', startedAt: 'earlier', token: 't' });
    const refused = await acquireDataDirLock(dir).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain('elsewhere.example');
    expect((refused as Error).message).toContain(`delete ${await realpath(lockPath)}`);
  });

  it('treats an unreadable lock as being written while young, and as stale when old', async () => {
    const dir = await scratchDir();
    // Young and empty: its owner created it a moment ago and is writing it now.
    await writeLock(dir, '');
    const attempt = acquireDataDirLock(dir);
    // Give the attempt time to find it empty (the outcome does not depend on it).
    await new Promise((resolve) => setTimeout(resolve, 100));
    await writeLock(dir, { pid: process.ppid, host: hostname(), startedAt: 'now', token: 'being-written' });
    await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);

    // Old and empty: left by a crash between creating and writing it.
    const lockPath = await writeLock(dir, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath, old, old);
    const lock = await acquireDataDirLock(dir);
    // Our lock was replaced behind our back: release must not delete the other one.
    await writeLock(dir, { pid: process.ppid, host: hostname(), startedAt: 'later', token: 'someone-else' });
    await lock.release();
    expect(await readLockFile(dir)).toMatchObject({ pid: process.ppid });
  });

  it('lets exactly one of several simultaneous starters take over a stale lock', async () => {
    const dir = await scratchDir();
    await writeLock(dir, { pid: await deadPid(), host: hostname(), startedAt: 'earlier', token: 'stale' });
    const contenders = Array.from({ length: 4 }, () => new Fixture('race-for-lock.ts', [dir]));
    await Promise.all(contenders.map((child) => child.waitFor((lines) => lines.includes('waiting'), 'waiting')));
    for (const child of contenders) child.process.stdin.write('go\n');
    await Promise.all(
      contenders.map((child) =>
        child.waitFor((lines) => lines.includes('acquired') || lines.includes('locked'), 'the race result'),
      ),
    );
    expect(contenders.filter((child) => child.lines.includes('acquired'))).toHaveLength(1);
    for (const child of contenders) child.process.stdin.end();
    for (const child of contenders) expect(await child.exited).toEqual({ code: 0, signal: null });
    // The winner released its lock; no takeover files were left behind.
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('embedded database in a process that stops', () => {
  it('keeps every acknowledged write when the writer is killed with SIGKILL', async () => {
    const dataDir = await migratedDataDir();
    const writer = new Fixture('write-until-stopped.ts', [dataDir]);
    await writer.waitFor((lines) => lines.filter((line) => line.startsWith('ack ')).length >= 400, '400 acks');
    writer.process.kill('SIGKILL');
    expect(await writer.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const acknowledged = writer.acks();
    // It really died mid-flight: the cluster was not shut down, and its lock is still there.
    expect(await clusterState(dataDir)).toBe(DB_IN_PRODUCTION);
    expect(await readLockFile(dataDir)).toMatchObject({ pid: writer.process.pid });

    await withPglite(dataDir, async (database) => {
      // The dead writer's lock was taken over.
      expect(await readLockFile(dataDir)).toMatchObject({ pid: process.pid });
      const stored = await database.executeSql(
        `select o.slug, count(c.id)::int as clinics from organizations o
         left join clinics c on c.organization_id = o.id group by o.slug`,
      );
      const written = new Map(stored.rows.map((row) => [String(row.slug), Number(row.clinics)]));
      const missing = acknowledged.filter((n) => !written.has(`durability-${n}`));
      expect(missing).toEqual([]);
      // At most the transaction in flight got in beyond the last ack, and none got in by halves.
      expect(written.size - acknowledged.length).toBeLessThanOrEqual(1);
      expect([...written.values()].every((clinicCount) => clinicCount === 1)).toBe(true);
      // Beyond kill -9: commits are fsynced, so they also survive a power cut (pglite-durable-fs.ts).
      const settings = await database.executeSql(
        `select current_setting('fsync') as fsync, current_setting('wal_sync_method') as method`,
      );
      expect(settings.rows[0]).toEqual({ fsync: 'on', method: 'fsync' });
    });
  });

  it('checkpoints, shuts down cleanly and releases the folder on SIGTERM', async () => {
    const dataDir = await migratedDataDir();
    const writer = new Fixture('write-until-stopped.ts', [dataDir]);
    await writer.waitFor((lines) => lines.filter((line) => line.startsWith('ack ')).length >= 50, '50 acks');
    writer.process.kill('SIGTERM');
    expect(await writer.exited).toEqual({ code: 0, signal: null });
    expect(writer.lines.at(-1)).toBe('closed');
    expect(await clusterState(dataDir)).toBe(DB_SHUTDOWNED);
    expect(await readLockFile(dataDir)).toBeUndefined();

    await withPglite(dataDir, async (database) => {
      const stored = new Set(await slugs(database));
      expect(writer.acks().filter((n) => !stored.has(`durability-${n}`))).toEqual([]);
      expect(stored.size).toBe(writer.acks().length);
    });
  });

  it('refuses a second process while the folder is open, without touching it', async () => {
    const dataDir = await migratedDataDir();
    const listing = async () => {
      const files = await readdir(dataDir, { recursive: true });
      const entries = await Promise.all(
        files.sort().map(async (file) => {
          const info = await stat(path.join(dataDir, file));
          return `${file} ${info.size} ${info.mtimeMs}`;
        }),
      );
      return entries.join('\n');
    };
    const database = await openPglite(dataDir);
    try {
      const before = await listing();
      const second = new Fixture('open-data-dir.ts', [dataDir]);
      expect(await second.exited).toEqual({ code: 3, signal: null });
      const report = JSON.parse(second.lines[0] ?? '{}') as { opened: boolean; error: string; message: string };
      expect(report).toMatchObject({ opened: false, error: 'DataDirLockedError' });
      expect(report.message).toContain(`in use by another Puncta process (pid ${process.pid}`);
      expect(await listing()).toBe(before);
    } finally {
      await database.close();
    }
    const third = new Fixture('open-data-dir.ts', [dataDir]);
    expect(await third.exited).toEqual({ code: 0, signal: null });
  });
});

describe('backup and restore of the embedded database', () => {
  it('brings back the backed-up data and keeps the replaced cluster', async () => {
    const dataDir = await migratedDataDir();
    const config = { kind: 'pglite', dataDir } as const;
    await withPglite(dataDir, (database) => database.db.insert(organizations).values({ name: 'Kept', slug: 'kept' }));
    const file = path.join(await scratchDir(), 'backups', 'puncta.tar.gz');

    const backup = await backupDatabase(config, file);
    expect(backup).toMatchObject({ engine: 'pglite', file, bytes: (await stat(file)).size });
    expect(backup.tables).toContainEqual({ table: 'public.organizations', rows: 1 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(file))).toEqual(['puncta.tar.gz']);

    await withPglite(dataDir, async (database) => {
      await database.db.delete(organizations);
      await database.db.insert(organizations).values({ name: 'Later', slug: 'after-backup' });
    });

    await expect(restoreDatabase(config, file)).rejects.toBeInstanceOf(RestoreRefusedError);
    await withPglite(dataDir, async (database) => expect(await slugs(database)).toEqual(['after-backup']));

    const restored = await restoreDatabase(config, file, { force: true });
    expect(restored).toMatchObject({ engine: 'pglite', file, bytes: backup.bytes, tables: backup.tables });
    await withPglite(dataDir, async (database) => expect(await slugs(database)).toEqual(['kept']));
    // Nothing left half-done, and the replaced cluster is intact beside it.
    const entries = await readdir(dataDir);
    expect(entries.filter((entry) => entry.startsWith('restore-staging'))).toEqual([]);
    expect(restored.previous).toBeDefined();
    expect(path.basename(restored.previous ?? '')).toMatch(/^pgdata\.before-restore-/);
    const asideDir = await scratchDir();
    await rename(restored.previous ?? '', pgliteClusterDir(asideDir));
    await withPglite(asideDir, async (database) => expect(await slugs(database)).toEqual(['after-backup']));
  });

  it('backs up a running database only through its open handle, and restores into an empty folder', async () => {
    const dataDir = await migratedDataDir();
    const config = { kind: 'pglite', dataDir } as const;
    const file = path.join(await scratchDir(), 'live.tar.gz');
    await withPglite(dataDir, async (running) => {
      await running.db.insert(organizations).values({ name: 'Live', slug: 'live' });
      // Another process (the CLI) must not open the folder while the server has it.
      await expect(backupDatabase(config, file)).rejects.toBeInstanceOf(DataDirLockedError);
      const backup = await backupDatabase(config, file, { database: running });
      expect(backup.tables).toContainEqual({ table: 'public.organizations', rows: 1 });
      await running.ping(); // the server's handle is still usable
    });

    const emptyDir = path.join(await scratchDir(), 'new-data');
    const restored = await restoreDatabase({ kind: 'pglite', dataDir: emptyDir }, file);
    expect(restored.previous).toBeUndefined();
    await withPglite(emptyDir, async (database) => expect(await slugs(database)).toEqual(['live']));
  });

  it('refuses what is not a backup, and a folder without a database, changing nothing', async () => {
    const dataDir = await migratedDataDir();
    const config = { kind: 'pglite', dataDir } as const;
    const scratch = await scratchDir();
    const junk = path.join(scratch, 'junk.tar.gz');
    await writeFile(junk, 'not a backup');
    await expect(restoreDatabase(config, junk, { force: true })).rejects.toThrow('not gzip data');
    await writeFile(junk, gzipSync('gzip, but no cluster inside'));
    await expect(restoreDatabase(config, junk, { force: true })).rejects.toThrow('no complete PostgreSQL cluster');
    await expect(restoreDatabase(config, path.join(scratch, 'missing.tar.gz'))).rejects.toThrow(
      'There is no backup file',
    );
    expect((await readdir(dataDir)).sort()).toEqual(['pgdata']);
    await withPglite(dataDir, async (database) => expect(await slugs(database)).toEqual([]));

    const emptyDir = path.join(scratch, 'empty');
    await expect(backupDatabase({ kind: 'pglite', dataDir: emptyDir }, path.join(scratch, 'b.tar.gz'))).rejects.toThrow(
      'There is no embedded database',
    );
    await expect(stat(emptyDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe.skipIf(inject('postgresTemplate') === null)('backup and restore on PostgreSQL', () => {
  it('brings back the backed-up data with pg_dump and pg_restore', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.close());
    const url = database.url ?? '';
    const config = { kind: 'postgres', url, poolSize: 2 } as const;
    await database.db.insert(organizations).values({ name: 'Kept', slug: 'kept' });
    const dir = await scratchDir();
    const file = path.join(dir, 'puncta.dump');

    const backup = await backupDatabase(config, file);
    expect(backup).toMatchObject({ engine: 'postgres', file, bytes: (await stat(file)).size });
    expect(backup.tables).toContainEqual({ table: 'public.organizations', rows: 1 });

    await database.db.delete(organizations);
    await database.db.insert(organizations).values({ name: 'Later', slug: 'after-backup' });
    await database.db.execute(sql`create table leftover (id int)`);

    await expect(restoreDatabase(config, file)).rejects.toBeInstanceOf(RestoreRefusedError);
    const junk = path.join(dir, 'junk.dump');
    await writeFile(junk, 'not a backup');
    await expect(restoreDatabase(config, junk, { force: true })).rejects.toBeInstanceOf(BackupError);
    expect(await slugs(database)).toEqual(['after-backup']);

    const restored = await restoreDatabase(config, file, { force: true });
    expect(restored.tables).toEqual(backup.tables);
    expect(await slugs(database)).toEqual(['kept']);
    // Tables the backup did not have are gone; the replaced contents were saved first.
    expect(restored.tables.map((table) => table.table)).not.toContain('public.leftover');
    expect(path.basename(restored.previous ?? '')).toMatch(/-before-restore-.*\.dump$/);
    expect((await stat(restored.previous ?? '')).size).toBeGreaterThan(0);

    // A backup cut short makes pg_restore fail half-way. Cut at the very end,
    // its SQL stops cleanly before the last table's rows and before every key
    // and index, which psql alone would happily commit: none of it may stay.
    await database.executeSql(
      `insert into organizations (name, slug) select 'Bulk ' || g, 'bulk-' || g from generate_series(1, 5000) g`,
    );
    const truncated = path.join(dir, 'truncated.dump');
    await backupDatabase(config, truncated);
    const whole = await readFile(truncated);
    await writeFile(truncated, whole.subarray(0, whole.length - 8));
    await database.executeSql(`delete from organizations where slug like 'bulk-%'`);
    await expect(restoreDatabase(config, truncated, { force: true })).rejects.toThrow('rolled back');
    expect(await slugs(database)).toEqual(['kept']);
  });
});
