// Scheduled housekeeping. Each run does its work and records itself in
// maintenance_runs in one transaction, so the table shows exactly what ran.
import type { Db } from '../db/database.ts';
import { deleteKeptMessagesBefore, deleteSentMessagesBefore } from '../db/repositories/outbox.ts';
import { deleteSpentAuthTokens } from '../db/repositories/auth-tokens.ts';
import { deleteExpiredBuckets } from '../db/repositories/rate-limits.ts';
import { deleteEndedSessions } from '../db/repositories/sessions.ts';
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

export const AUTH_CLEANUP_TASK = 'auth-cleanup';

/** Ended sessions and spent tokens stay a day (to explain a "why was I signed out?"), then go. */
const AUTH_RETENTION_DAYS = 1;

export interface AuthCleanupResult {
  sessionsDeleted: number;
  tokensDeleted: number;
  bucketsDeleted: number;
}

/** Drops ended sessions, used or expired email tokens and finished throttling windows. */
export async function runAuthCleanup(db: Db, now: Date = new Date()): Promise<AuthCleanupResult> {
  const before = new Date(now.getTime() - AUTH_RETENTION_DAYS * DAY_MS);
  return db.transaction(async (tx) => {
    const result = {
      sessionsDeleted: await deleteEndedSessions(tx, before),
      tokensDeleted: await deleteSpentAuthTokens(tx, before),
      bucketsDeleted: await deleteExpiredBuckets(tx),
    };
    await tx.insert(maintenanceRuns).values({ task: AUTH_CLEANUP_TASK, startedAt: now, details: { ...result } });
    return result;
  });
}
