// The one database handle. PGlite (PostgreSQL compiled to WebAssembly, in this
// process, data on disk) by default; node-postgres when DATABASE_URL is set.
// Everything above this file sees the same Drizzle API and the same SQL.
import path from 'node:path';
import { chmod, mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../platform/config.ts';
import * as schema from './schema.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { DurableNodeFS, durableStartParams } from './pglite-durable-fs.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface SqlResult {
  rows: Record<string, unknown>[];
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /**
   * Raw SQL for infrastructure that brings its own (the job queue). Without
   * values, text may hold several statements; the last one's rows are returned.
   */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  /**
   * Runs work while holding a cluster-wide lock, so that of several app nodes only
   * one does it at a time (migrations, seeding). PGlite has one process by design.
   */
  withExclusiveLock<T>(key: number, work: () => Promise<T>): Promise<T>;
  /** Throws unless the database answers a trivial query. */
  ping(): Promise<void>;
  /** Flushes to disk (PGlite checkpoint) and closes; safe to call twice. */
  close(): Promise<void>;
}

export type DatabaseConfig = Config['database'];

/** Where PGlite keeps the cluster inside PUNCTA_DATA_DIR (photos and backups go beside it). */
export function pgliteClusterDir(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'pglite' ? openPglite(config.dataDir) : openPostgres(config.url, config.poolSize);
}

/**
 * Opens a PGlite cluster. `dataDir` undefined gives an in-memory database (tests);
 * `loadDataDir` starts it from a dump made by dumpPglite (migrated test templates).
 */
export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir !== undefined) {
    // Patient records live here: owner-only, whatever the umask (PGlite writes its files 0666).
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await chmod(dataDir, 0o700);
    // PGlite corrupts a cluster that two processes open at once: refuse before opening.
    lock = await acquireDataDirLock(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      // Commits are fsynced: see pglite-durable-fs.ts for why PGlite's defaults are not enough.
      ...(dataDir === undefined
        ? {}
        : { fs: new DurableNodeFS(pgliteClusterDir(dataDir)), startParams: durableStartParams }),
      ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
      extensions: { btree_gist },
    });
  } catch (error) {
    await lock?.release();
    throw error;
  }
  let closed = false;
  // One process holds a PGlite database, so a NOTIFY at commit reaches every reader
  // there is: the calendar triggers of migration 0009 send one when this is on.
  await client.exec(`SET puncta.calendar_notify = 'on'`);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  pgliteClients.set(db, client);
  return {
    kind: 'pglite',
    db,
    async executeSql(text, values) {
      if (values === undefined || values.length === 0) {
        // The extended protocol behind query() takes one statement; exec() takes many.
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await client.query<Record<string, unknown>>(text, values);
      return { rows: result.rows };
    },
    withExclusiveLock: (_key, work) => work(),
    async ping() {
      await client.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (dataDir !== undefined) await client.query('CHECKPOINT');
        await client.close();
      } finally {
        await lock?.release();
      }
    },
  };
}

/** A consistent gzipped copy of an open PGlite cluster (tar of its data folder). */
export async function dumpPglite(database: Database): Promise<Blob> {
  const client = pgliteClientOf(database);
  await client.query('CHECKPOINT');
  return client.dumpDataDir('gzip');
}

const pgliteClients = new WeakMap<Db, PGlite>();

/**
 * Calls `onPayload` for each NOTIFY on `channel`, before the notifying commit's own
 * caller resumes; PGlite only, where this process is the only one with the database.
 * Undefined on a PostgreSQL server, whose other nodes' notices arrive late.
 */
export async function listenInProcess(
  db: Db,
  channel: string,
  onPayload: (payload: string) => void,
): Promise<(() => Promise<void>) | undefined> {
  const client = pgliteClients.get(db);
  return client === undefined ? undefined : client.listen(channel, onPayload);
}

function pgliteClientOf(database: Database): PGlite {
  const client = pgliteClients.get(database.db);
  if (client === undefined) throw new Error('not a PGlite database');
  return client;
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'puncta' });
  // An idle client that the server drops must not crash the process.
  pool.on('error', () => {});
  let closed = false;
  const database: Database = {
    kind: 'postgres',
    db: drizzleNodePg(pool, { schema }),
    async executeSql(text, values) {
      const result = await pool.query(text, values);
      // A multi-statement text answers with an array of results.
      const last = Array.isArray(result) ? (result.at(-1) as pg.QueryResult | undefined) : result;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    async withExclusiveLock(key, work) {
      // A session-level advisory lock needs one connection for lock and unlock.
      const lockClient = new pg.Client({ connectionString: url, application_name: 'puncta-lock' });
      await lockClient.connect();
      try {
        await lockClient.query('select pg_advisory_lock($1)', [key]);
        return await work();
      } finally {
        await lockClient.end();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  await database.ping();
  return database;
}
