// Scheduled housekeeping. Each run does its work and records itself in
// maintenance_runs in one transaction, so the table shows exactly what ran.
import type { Db } from '../db/database.ts';
import { deleteKeptMessagesBefore, deleteSentMessagesBefore } from '../db/repositories/outbox.ts';
import { maintenanceRuns } from '../db/schema.ts';

export const MAINTENANCE_QUEUE = 'maintenance';

/** Hourly, a few minutes past the hour (UTC). */
export const DEFAULT_MAINTENANCE_CRON = '7 * * * *';

/** Demo mailbox messages are for looking at, not for keeping. */
export const KEPT_MAIL_RETENTION_DAYS = 30;
/** Delivered mail stays long enough to answer "did the patient get it?". */
export const SENT_MAIL_RETENTION_DAYS = 90;

export const OUTBOX_RETENTION_TASK = 'outbox-retention';

export interface OutboxRetentionResult {
  keptDeleted: number;
  sentDeleted: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Prunes old outbox rows; failed and pending ones stay until someone looks at them. */
export async function runOutboxRetention(db: Db, now: Date = new Date()): Promise<OutboxRetentionResult> {
  const keptBefore = new Date(now.getTime() - KEPT_MAIL_RETENTION_DAYS * DAY_MS);
  const sentBefore = new Date(now.getTime() - SENT_MAIL_RETENTION_DAYS * DAY_MS);
  return db.transaction(async (tx) => {
    const keptDeleted = await deleteKeptMessagesBefore(tx, keptBefore);
    const sentDeleted = await deleteSentMessagesBefore(tx, sentBefore);
    await tx.insert(maintenanceRuns).values({
      task: OUTBOX_RETENTION_TASK,
      startedAt: now,
      details: { keptDeleted, sentDeleted, keptBefore: keptBefore.toISOString(), sentBefore: sentBefore.toISOString() },
    });
    return { keptDeleted, sentDeleted };
  });
}
