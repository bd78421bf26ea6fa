// Fixed-window throttling counters shared by every node. One statement both
// counts and reads, so two nodes counting at once cannot both slip under a limit.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { rateLimitBuckets } from '../schema.ts';

export interface BucketState {
  /** Hits in the current window, this one included. */
  count: number;
  /** Seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

/** Counts one hit against `key`, opening a new window of `windowSeconds` when the last one ended. */
export async function hitBucket(db: Db, key: string, windowSeconds: number): Promise<BucketState> {
  const expired = sql`${rateLimitBuckets.windowEndsAt} <= now()`;
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, count: 1, windowEndsAt: sql`now() + make_interval(secs => ${windowSeconds})` })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimitBuckets.count} + 1 end`,
        windowEndsAt: sql`case when ${expired} then excluded.window_ends_at else ${rateLimitBuckets.windowEndsAt} end`,
      },
    })
    .returning({
      count: rateLimitBuckets.count,
      retryAfterSeconds: sql<number>`greatest(1, ceil(extract(epoch from ${rateLimitBuckets.windowEndsAt} - now())))::int`,
    });
  if (row === undefined) throw new Error('rate limit upsert returned no row');
  return row;
}

/** Takes back one hit (a success that should not count as a failure). */
export async function forgiveHit(db: Db, key: string): Promise<void> {
  await db
    .update(rateLimitBuckets)
    .set({ count: sql`greatest(0, ${rateLimitBuckets.count} - 1)` })
    .where(eq(rateLimitBuckets.key, key));
}

export async function clearBucket(db: Db, key: string): Promise<void> {
  await db.delete(rateLimitBuckets).where(eq(rateLimitBuckets.key, key));
}

/** Drops buckets whose window ended; for the maintenance job. */
export async function deleteExpiredBuckets(db: Db): Promise<number> {
  const rows = await db
    .delete(rateLimitBuckets)
    .where(sql`${rateLimitBuckets.windowEndsAt} <= now()`)
    .returning({ key: rateLimitBuckets.key });
  return rows.length;
}
