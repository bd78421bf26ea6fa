// "Has this clinic's calendar changed since I last looked?" in one indexed query.
// Triggers (migration 0009) write one calendar_changes row per clinic and writing
// transaction on every table availability reads. A reader remembers the snapshot
// its copy was read in; a change it has not seen is one made by a transaction that
// snapshot did not see: an xid at or past its xmax, or one of its in-progress xids.
// Exact on PGlite and on PostgreSQL with any number of app nodes, and it takes no
// lock, so writers never wait for each other on a shared counter.
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { calendarChanges } from '../schema.ts';

/** A pg_snapshot, as PostgreSQL writes it: "xmin:xmax:xip1,xip2,…". */
export interface Snapshot {
  xmin: number;
  xmax: number;
  inProgress: number[];
  text: string;
}

export function parseSnapshot(text: string): Snapshot {
  const [xmin, xmax, list] = text.split(':');
  const numbers = (list ?? '').split(',').filter((part) => part !== '');
  const snapshot = { xmin: Number(xmin), xmax: Number(xmax), inProgress: numbers.map(Number), text };
  if (!Number.isSafeInteger(snapshot.xmin) || !Number.isSafeInteger(snapshot.xmax)) {
    throw new Error(`Unexpected snapshot text "${text}".`);
  }
  return snapshot;
}

function rowsOf<T>(result: unknown): T[] {
  // Both drivers answer raw SQL with { rows }.
  return (result as { rows: T[] }).rows;
}

/** The snapshot the current statement (in a repeatable-read transaction: the whole transaction) reads in. */
export async function currentSnapshot(db: Db): Promise<Snapshot> {
  const [row] = rowsOf<{ snapshot: string }>(await db.execute(sql`select pg_current_snapshot()::text as snapshot`));
  return parseSnapshot(row!.snapshot);
}

/**
 * Whether a transaction that `since` did not see changed the clinic's calendar or
 * set-up, and the snapshot this answer holds for (to remember for the next check).
 */
export async function calendarChangedSince(
  db: Db,
  clinicId: string,
  since: Snapshot,
): Promise<{ changed: boolean; snapshot: Snapshot }> {
  // Only xids at or past `since.xmin` can be unseen, so the primary key bounds the scan.
  const inProgress = since.inProgress.length === 0 ? sql`false` : sql`xid in (${sql.join(since.inProgress, sql`, `)})`;
  const [row] = rowsOf<{ snapshot: string; changed: boolean }>(
    await db.execute(sql`
      select pg_current_snapshot()::text as snapshot,
             exists(select 1 from ${calendarChanges}
                     where clinic_id = ${clinicId} and xid >= ${since.xmin}
                       and (xid >= ${since.xmax} or ${inProgress})) as changed`),
  );
  return { changed: row!.changed, snapshot: parseSnapshot(row!.snapshot) };
}

/**
 * Drops change rows of transactions that ended (older than every running one) and
 * began more than a day ago. A reader checks its snapshot at least every few
 * minutes, so it has seen these long since. Assumes no transaction that writes a
 * calendar stays open for a day.
 */
export async function pruneCalendarChanges(db: Db, now: Date): Promise<number> {
  const deleted = await db
    .delete(calendarChanges)
    .where(
      sql`${lt(calendarChanges.changedAt, new Date(now.getTime() - 86_400_000))}
          and ${calendarChanges.xid} < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`,
    )
    .returning({ xid: calendarChanges.xid });
  return deleted.length;
}
