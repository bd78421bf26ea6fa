// `puncta backup` and `puncta restore`: a consistent copy of the database in one
// file, and bringing it back.
//
// Embedded (PGlite): the file is a gzipped tarball of the cluster folder, taken
// by PGlite itself (dumpDataDir) after a CHECKPOINT. PGlite copies the folder
// synchronously between two queries, so the copy is consistent even with
// writes going on; but only the process that has the folder open can do that.
// A second process (the CLI) must take the data-folder lock, so it refuses
// while the server runs. A running server can still back itself up by passing
// its open handle as `options.database`.
//
// PostgreSQL (DATABASE_URL): pg_dump's custom format, restored with pg_restore
// piped into psql, found on PATH or in the usual install folders.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import pg from 'pg';
import { dumpPglite, openPglite, pgliteClusterDir, type Database, type DatabaseConfig } from './database.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

export interface TableCount {
  /** schema.table */
  table: string;
  rows: number;
}

export interface BackupSummary {
  engine: 'pglite' | 'postgres';
  /** Absolute path of the file written. */
  file: string;
  bytes: number;
  durationMs: number;
  /** Rows per table in the backup, counted while checking it. */
  tables: TableCount[];
}

export interface RestoreSummary {
  engine: 'pglite' | 'postgres';
  /** Absolute path of the backup that was restored. */
  file: string;
  bytes: number;
  durationMs: number;
  /** Rows per table in the restored database. */
  tables: TableCount[];
  /**
   * What the restore replaced, kept rather than deleted: the old cluster folder
   * (PGlite) or a pg_dump of the old contents (PostgreSQL). Undefined when the
   * target held no data.
   */
  previous: string | undefined;
}

/** A backup or restore that cannot go ahead; the message says why and what to do. */
export class BackupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BackupError';
  }
}

/** Restore refused because the target already holds data and `force` was not given. */
export class RestoreRefusedError extends BackupError {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export async function backupDatabase(
  config: DatabaseConfig,
  targetFile: string,
  options: { database?: Database } = {},
): Promise<BackupSummary> {
  const file = path.resolve(targetFile);
  return config.kind === 'pglite'
    ? backupPglite(config.dataDir, file, options.database)
    : backupPostgres(config.url, file);
}

export async function restoreDatabase(
  config: DatabaseConfig,
  sourceFile: string,
  options: { force?: boolean } = {},
): Promise<RestoreSummary> {
  const file = path.resolve(sourceFile);
  const force = options.force === true;
  return config.kind === 'pglite'
    ? restorePglite(config.dataDir, file, force)
    : restorePostgres(config.url, file, force);
}

// ---------------------------------------------------------------------------
// PGlite

async function backupPglite(dataDir: string, file: string, running: Database | undefined): Promise<BackupSummary> {
  const started = performance.now();
  let database = running;
  if (database === undefined) {
    // Opening an empty folder would create a new, empty cluster: say so instead.
    if (!(await exists(path.join(pgliteClusterDir(dataDir), 'PG_VERSION')))) {
      throw new BackupError(`There is no embedded database in ${dataDir} to back up.`);
    }
    // Takes the data-folder lock: refuses with DataDirLockedError while Puncta runs.
    database = await openPglite(dataDir);
  } else if (database.kind !== 'pglite') {
    throw new BackupError('options.database must be the open embedded database');
  }
  let dump: Uint8Array<ArrayBuffer>;
  try {
    dump = new Uint8Array(await (await dumpPglite(database)).arrayBuffer());
  } finally {
    if (running === undefined) await database.close();
  }
  // Check the copy before it can replace an older backup at the same path.
  const tables = await countPgliteDump(await unpackPgliteBackup(dump, 'The backup just taken'));
  await writeFileAtomically(file, dump);
  return { engine: 'pglite', file, bytes: dump.length, durationMs: elapsed(started), tables };
}

async function restorePglite(dataDir: string, file: string, force: boolean): Promise<RestoreSummary> {
  const started = performance.now();
  const dump = await readBackupFile(file);
  // Check the file first: nothing in the data folder changes for a file that is not a backup.
  const tar = await unpackPgliteBackup(dump, file);

  await mkdir(dataDir, { recursive: true });
  const lock = await acquireDataDirLock(dataDir); // refuses while Puncta runs on the folder
  try {
    const cluster = pgliteClusterDir(dataDir);
    const occupied = (await listDir(cluster)).length > 0;
    if (occupied && !force) {
      throw new RestoreRefusedError(
        `${dataDir} already holds a database. Run the restore again with --force to replace it; ` +
          `the current one is then kept in ${path.basename(cluster)}.before-restore-<time>, not deleted.`,
      );
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    // Load into a staging folder and move it into place only once it opens:
    // an interrupted restore must never leave a half-written cluster where
    // Puncta would open it (PGlite takes any folder with PG_VERSION as a database).
    const staging = path.join(dataDir, `restore-staging-${stamp}`);
    try {
      const loaded = await openPglite(staging, { loadDataDir: tarBlob(tar) });
      let tables: TableCount[];
      try {
        tables = await countRows((text) => loaded.executeSql(text));
      } finally {
        await loaded.close();
      }
      // PGlite writes the loaded files without fsync, and PostgreSQL's own
      // checkpoints only sync what it wrote itself: flush them before going live.
      await syncTree(pgliteClusterDir(staging));
      let previous: string | undefined;
      if (occupied) {
        previous = `${cluster}.before-restore-${stamp}`;
        await rename(cluster, previous);
      } else {
        await rmdir(cluster).catch(ignoreMissing); // an empty leftover folder
      }
      await rename(pgliteClusterDir(staging), cluster);
      await syncDir(dataDir);
      return { engine: 'pglite', file, bytes: dump.length, durationMs: elapsed(started), tables, previous };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  } finally {
    await lock.release();
  }
}

/** Loads a PGlite backup into memory and counts its rows; proves it is usable. */
async function countPgliteDump(tar: Uint8Array<ArrayBuffer>): Promise<TableCount[]> {
  const database = await openPglite(undefined, { loadDataDir: tarBlob(tar) });
  try {
    return await countRows((text) => database.executeSql(text));
  } finally {
    await database.close();
  }
}

const gunzipAsync = promisify(gunzip);

/**
 * The tarball inside a PGlite backup, checked before PGlite sees it: PGlite's
 * own loader turns a damaged file into an unhandled rejection (a crash with a
 * zlib message) instead of an error we could catch and explain.
 */
async function unpackPgliteBackup(dump: Uint8Array, what: string): Promise<Uint8Array<ArrayBuffer>> {
  let tar: Uint8Array<ArrayBuffer>;
  try {
    tar = new Uint8Array(await gunzipAsync(dump));
  } catch (error) {
    throw new BackupError(`${what} is not a backup of an embedded Puncta database (not gzip data).`, { cause: error });
  }
  if (!tarHasClusterAtTop(tar)) {
    throw new BackupError(
      `${what} is not a backup of an embedded Puncta database (no complete PostgreSQL cluster inside).`,
    );
  }
  return tar;
}

/**
 * Walks the tar headers, checking each checksum, to the end-of-archive block;
 * true when the archive is whole and holds PG_VERSION at its top.
 */
function tarHasClusterAtTop(tar: Uint8Array): boolean {
  const text = (from: number, length: number) =>
    String.fromCharCode(...tar.subarray(from, from + length))
      .replace(/\0.*$/s, '')
      .trim();
  let hasVersion = false;
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return hasVersion;
    // The checksum field counts as eight spaces in its own sum.
    const sum = header.reduce((total, byte, index) => total + (index >= 148 && index < 156 ? 32 : byte), 0);
    if (sum !== parseInt(text(offset + 148, 8), 8)) return false;
    if (text(offset, 100).replace(/^\.?\//, '') === 'PG_VERSION') hasVersion = true;
    const size = parseInt(text(offset + 124, 12) || '0', 8);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return false; // cut short: no end-of-archive block
}

function tarBlob(tar: Uint8Array<ArrayBuffer>): Blob {
  return new Blob([tar], { type: 'application/x-tar' });
}

// ---------------------------------------------------------------------------
// PostgreSQL

async function backupPostgres(url: string, file: string): Promise<BackupSummary> {
  const started = performance.now();
  const client = await connect(url);
  const tools = await findPostgresTools(await serverMajorVersion(client));
  const temp = temporarySibling(file);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // Export a snapshot and dump exactly that, so the row counts reported here
    // are the ones in the file.
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id;
    if (snapshot === undefined) throw new BackupError('PostgreSQL did not export a snapshot');
    const tables = await countRows(async (text) => client.query<Record<string, unknown>>(text));
    const source = libpqUrl(url);
    await runTool(
      tools.pgDump,
      ['--format=custom', `--snapshot=${snapshot}`, `--file=${temp}`, '--dbname', ...source.args],
      {
        env: source.env,
      },
    );
    await client.query('commit');
    // pg_restore --list reads the whole table of contents: a truncated file fails here.
    await runTool(tools.pgRestore, ['--list', temp]);
    await syncFile(temp);
    await rename(temp, file);
    await syncDir(path.dirname(file));
    const bytes = (await stat(file)).size;
    return { engine: 'postgres', file, bytes, durationMs: elapsed(started), tables };
  } finally {
    await unlink(temp).catch(ignoreMissing);
    await client.end();
  }
}

async function restorePostgres(url: string, file: string, force: boolean): Promise<RestoreSummary> {
  const started = performance.now();
  const bytes = (await readBackupStat(file)).size;
  const client = await connect(url);
  try {
    const tools = await findPostgresTools(await serverMajorVersion(client));
    let listing: string;
    try {
      listing = (await runTool(tools.pgRestore, ['--list', file])).stdout;
    } catch (error) {
      throw new BackupError(`${file} is not a PostgreSQL backup made by puncta backup (pg_dump custom format)`, {
        cause: error,
      });
    }
    // The restore replaces the public schema and every schema the backup holds
    // (so no table of a newer schema is left behind); other schemas stay.
    const schemas = [...new Set(['public', ...schemasIn(listing)])];
    const existing = await client.query<{ count: string }>(
      `select count(*) as count from pg_tables where schemaname = any($1)`,
      [schemas],
    );
    const occupied = Number(existing.rows[0]?.count ?? 0) > 0;
    if (occupied && !force) {
      throw new RestoreRefusedError(
        `The database at DATABASE_URL already holds tables. Run the restore again with --force to replace them; ` +
          `a pg_dump of the current contents is then written next to ${path.basename(file)} first.`,
      );
    }
    let previous: string | undefined;
    if (occupied) {
      const name = new URL(url).pathname.slice(1) || 'database';
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      previous = path.join(path.dirname(file), `${name}-before-restore-${stamp}.dump`);
      await backupPostgres(url, previous);
    }
    const drops = schemas.map((schema) => `drop schema if exists ${quoteIdent(schema)} cascade;`).join('\n');
    await restoreInOneTransaction(
      tools,
      file,
      url,
      `${drops}\ncreate schema public;\ngrant usage on schema public to public;`,
    );
    const tables = await countRows(async (text) => client.query<Record<string, unknown>>(text));
    return { engine: 'postgres', file, bytes, durationMs: elapsed(started), tables, previous };
  } finally {
    await client.end();
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'puncta-backup' });
  await client.connect();
  return client;
}

async function serverMajorVersion(client: pg.Client): Promise<number> {
  const result = await client.query<{ v: string }>(`select current_setting('server_version_num') as v`);
  return Math.floor(Number(result.rows[0]?.v) / 10_000);
}

/** Schema names from a `pg_restore --list` table of contents. */
function schemasIn(listing: string): string[] {
  return [...listing.matchAll(/^\d+; \d+ \d+ SCHEMA - (\S+) /gm)].map((match) => match[1] ?? '').filter(Boolean);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The URL for libpq without its password: command lines are visible to other
 * users of the machine (ps), the environment of a process is not.
 */
function libpqUrl(url: string): { args: string[]; env: Record<string, string> } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { args: [parsed.toString()], env: password === '' ? {} : { PGPASSWORD: password } };
}

interface PostgresTools {
  pgDump: string;
  pgRestore: string;
  psql: string;
  major: number;
}

/**
 * pg_dump, pg_restore and psql from PATH or a usual install folder. pg_dump
 * refuses servers newer than itself, and a newer pg_restore may write SQL an
 * older server does not know, so take the oldest version not older than the server.
 */
async function findPostgresTools(serverMajor: number): Promise<PostgresTools> {
  const found: PostgresTools[] = [];
  for (const dir of ['', ...(await wellKnownPostgresBinDirs())]) {
    const tool = (name: string) =>
      dir === '' ? name : path.join(dir, process.platform === 'win32' ? `${name}.exe` : name);
    const major = await toolMajorVersion(tool('pg_dump'));
    if (major !== undefined)
      found.push({ pgDump: tool('pg_dump'), pgRestore: tool('pg_restore'), psql: tool('psql'), major });
  }
  const fitting = found.filter((tools) => tools.major >= serverMajor).sort((a, b) => a.major - b.major)[0];
  if (fitting !== undefined) return fitting;
  const seen = found.map((tools) => tools.major).join(', ');
  throw new BackupError(
    found.length === 0
      ? `pg_dump was not found on PATH or in the usual PostgreSQL folders. Install the PostgreSQL ` +
          `${serverMajor} client tools (Debian/Ubuntu: apt-get install postgresql-client-${serverMajor}).`
      : `The server runs PostgreSQL ${serverMajor} but only pg_dump ${seen} was found; ` +
          `install the PostgreSQL ${serverMajor} client tools.`,
  );
}

async function wellKnownPostgresBinDirs(): Promise<string[]> {
  const versioned = async (parent: string, toBin: (entry: string) => string) =>
    (await listDir(parent)).map((entry) => toBin(path.join(parent, entry)));
  return [
    ...(await versioned('/usr/lib/postgresql', (dir) => path.join(dir, 'bin'))), // Debian, Ubuntu
    ...(await versioned('/usr', (dir) => path.join(dir, 'bin'))).filter((dir) => /pgsql-\d+/.test(dir)), // RHEL
    '/opt/homebrew/opt/libpq/bin', // macOS, Homebrew
    '/usr/local/opt/libpq/bin',
    ...(process.platform === 'win32'
      ? await versioned('C:\\Program Files\\PostgreSQL', (dir) => path.join(dir, 'bin'))
      : []),
  ];
}

async function toolMajorVersion(file: string): Promise<number | undefined> {
  try {
    const { stdout } = await runTool(file, ['--version']);
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

/** Runs a client tool; rejects with its stderr when it fails or cannot start. */
function runTool(
  file: string,
  args: string[],
  options: { env?: Record<string, string> } = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new BackupError(`${path.basename(file)} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

/**
 * Runs `prelude` and the SQL that pg_restore makes of `file` through psql in
 * one transaction. The COMMIT is sent only after pg_restore has finished
 * without error: if it dies half-way (a truncated file), psql reaches the end
 * of its input inside the transaction and PostgreSQL rolls everything back.
 * (psql --single-transaction would commit whatever it had received by then.)
 */
function restoreInOneTransaction(tools: PostgresTools, file: string, url: string, prelude: string): Promise<void> {
  const target = libpqUrl(url);
  return new Promise((resolve, reject) => {
    const restore = spawn(tools.pgRestore, ['--no-owner', '--no-privileges', '--file=-', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const psql = spawn(tools.psql, ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--dbname', ...target.args], {
      env: { ...process.env, ...target.env, PGOPTIONS: '-c client_min_messages=warning' },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    // psql stops reading at the first SQL error; its exit code reports that.
    psql.stdin.on('error', () => {});
    psql.stdin.write(`begin;\n${prelude}\n`);
    restore.stdout.pipe(psql.stdin, { end: false });

    const stderr = { restore: '', psql: '' };
    restore.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr.restore += chunk));
    psql.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr.psql += chunk));
    const failures: string[] = [];
    let running = 2;
    const finished = () => {
      if (--running > 0) return;
      if (failures.length === 0) resolve();
      else reject(new BackupError(`The restore failed and was rolled back:\n${failures.join('\n')}`));
    };
    restore.on('error', reject);
    psql.on('error', reject);
    restore.on('close', (code) => {
      // 'close' comes after all of pg_restore's output has been handed to psql.
      if (code === 0) {
        psql.stdin.end('commit;\n');
      } else {
        failures.push(`pg_restore (exit ${code}): ${stderr.restore.trim()}`);
        psql.stdin.end();
      }
      finished();
    });
    psql.on('close', (code) => {
      if (code !== 0) failures.push(`psql (exit ${code}): ${stderr.psql.trim()}`);
      finished();
    });
  });
}

// ---------------------------------------------------------------------------
// Shared

type RunSql = (text: string) => Promise<{ rows: Record<string, unknown>[] }>;

/** Rows in every table outside the system schemas, sorted by name. */
async function countRows(run: RunSql): Promise<TableCount[]> {
  const tables = await run(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
     where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
  );
  const counts: TableCount[] = [];
  for (const row of tables.rows) {
    const table = String(row.name);
    const result = await run(`select count(*) as n from ${table}`);
    counts.push({ table, rows: Number(result.rows[0]?.n ?? 0) });
  }
  return counts;
}

async function readBackupFile(file: string): Promise<Uint8Array<ArrayBuffer>> {
  await readBackupStat(file);
  return readFile(file);
}

async function readBackupStat(file: string): Promise<{ size: number }> {
  try {
    return await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BackupError(`There is no backup file at ${file}.`);
    throw error;
  }
}

/**
 * Writes beside the target and renames over it: readers see the old file or
 * the whole new one, never half of it. Backups hold patient data: owner only.
 */
async function writeFileAtomically(file: string, data: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = temporarySibling(file);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncDir(path.dirname(file));
}

function temporarySibling(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(full);
    else if (entry.isFile()) await syncFile(full);
  }
  await syncDir(dir);
}

/** Makes a rename in `dir` durable. Windows cannot open folders for syncing: skip there. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
