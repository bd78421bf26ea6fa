// The background job queue: pg-boss in Puncta's own database (its tables live
// in the "pgboss" schema, which pg-boss creates and migrates itself), on PGlite
// and PostgreSQL alike. Any number of nodes may share one PostgreSQL: pg-boss
// hands each job to one worker, keeps one row per schedule name, and lets one
// node per interval turn schedules into jobs, so nothing runs twice.
//
// With PUNCTA_JOBS=false a node still queues jobs (mail it sends, later
// reminders) but leaves running them and the schedules to the other nodes.
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Config } from '../platform/config.ts';
import {
  DELIVERY_BATCH_SIZE,
  MAIL_DELIVERY_QUEUE,
  MAIL_SWEEP_CRON,
  MAIL_SWEEP_QUEUE,
  deliveryJob,
  mailDeliveryHandler,
  mailSweepHandler,
  type MailDeliveryData,
  type MailRetryPolicy,
} from './mail-delivery.ts';
import { pruneCalendarChanges } from '../db/repositories/calendar-changes.ts';
import { DEFAULT_MAINTENANCE_CRON, MAINTENANCE_QUEUE, runAuthCleanup, runOutboxRetention } from './maintenance.ts';
import { createQueueExecutor } from './queue-executor.ts';
import { BOOKING_REMINDERS_CRON, BOOKING_REMINDERS_QUEUE, runBookingReminders } from './booking-reminders.ts';

/** Knobs for tests and operators; the defaults suit production. */
export interface JobTuning {
  /** How often an idle worker asks for jobs (default 2 s, at least 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How often schedules are checked and turned into jobs (default 30 s; 1 to 45). */
  cronCheckIntervalSeconds?: number;
  /** Cron (UTC) of the maintenance job; default hourly. */
  maintenanceCron?: string;
  /** Delay before the first retry of a failed mail delivery (default 60 s, then doubling). */
  mailRetryDelaySeconds?: number;
}

export interface StartJobsOptions {
  config: Config;
  database: Database;
  mailer: Mailer;
  logger: Logger;
  tuning?: JobTuning;
}

export interface JobRuntime {
  /** For features that add their own queues and workers (reminders, photo processing). */
  readonly boss: PgBoss;
  /**
   * Stops taking jobs, waits for running ones up to `timeoutMs` (default 30 s),
   * then returns; jobs still running by then are failed and retried later.
   * Close the database only after this resolves. Safe to call twice.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

export const DEFAULT_STOP_TIMEOUT_MS = 30_000;

/** Any 64-bit number unique to Puncta: the key of the job-queue setup advisory lock. */
const JOB_SETUP_LOCK_KEY = 7_310_442_021;

/**
 * Runs queue setup (pg-boss start, createQueue, schedule) one node at a time.
 * pg-boss creates each queue's table and foreign keys in one statement; two
 * nodes creating the same queue at once deadlock on PostgreSQL (seen in our
 * tests on a fresh database). Features that add queues later should use this too.
 */
export function withJobSetupLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  return database.withExclusiveLock(JOB_SETUP_LOCK_KEY, work);
}

export async function startJobs({
  config,
  database,
  mailer,
  logger,
  tuning = {},
}: StartJobsOptions): Promise<JobRuntime> {
  const log = logger.child({ component: 'jobs' });
  const executor = createQueueExecutor(database);
  const runsJobs = config.jobs.enabled;
  const boss = new PgBoss({
    db: executor,
    schedule: runsJobs,
    supervise: runsJobs,
    ...(tuning.cronCheckIntervalSeconds === undefined
      ? {}
      : {
          cronMonitorIntervalSeconds: tuning.cronCheckIntervalSeconds,
          cronWorkerIntervalSeconds: tuning.cronCheckIntervalSeconds,
        }),
  });
  // An EventEmitter without an error listener would throw these at the process.
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));

  // Handlers refuse new work once stop() began, and count what is running.
  let stopping = false;
  let running = 0;
  function guarded<T, R>(handler: (jobs: PgBoss.Job<T>[]) => Promise<R>) {
    return async (jobs: PgBoss.Job<T>[]): Promise<R> => {
      if (stopping) throw new Error('This node is stopping; the job will be retried.');
      running += 1;
      try {
        return await handler(jobs);
      } finally {
        running -= 1;
      }
    };
  }

  const retryPolicy: MailRetryPolicy = {
    retryDelaySeconds: tuning.mailRetryDelaySeconds ?? 60,
    maxAttempts: mailer.maxAttempts,
  };
  const work = { pollingIntervalSeconds: tuning.pollingIntervalSeconds ?? 2 };

  try {
    await withJobSetupLock(database, async () => {
      await boss.start();
      await boss.createQueue(MAIL_DELIVERY_QUEUE);
      // Only one sweep or maintenance run at a time, across all nodes.
      await boss.createQueue(MAIL_SWEEP_QUEUE, { name: MAIL_SWEEP_QUEUE, policy: 'singleton' });
      await boss.createQueue(MAINTENANCE_QUEUE, { name: MAINTENANCE_QUEUE, policy: 'singleton' });
      await boss.createQueue(BOOKING_REMINDERS_QUEUE, { name: BOOKING_REMINDERS_QUEUE, policy: 'singleton' });

      if (runsJobs) {
        await boss.work(
          MAINTENANCE_QUEUE,
          work,
          guarded(async () => {
            const outbox = await runOutboxRetention(database.db);
            const auth = await runAuthCleanup(database.db);
            const calendarChangesDeleted = await pruneCalendarChanges(database.db, new Date());
            log.info({ outbox, auth, calendarChangesDeleted }, 'maintenance done');
            return { ...outbox, ...auth, calendarChangesDeleted };
          }),
        );
        await boss.schedule(MAINTENANCE_QUEUE, tuning.maintenanceCron ?? DEFAULT_MAINTENANCE_CRON, {}, { tz: 'UTC' });

        // Appointment reminders: row locks make each one go out once even if two runs overlap.
        await boss.work(
          BOOKING_REMINDERS_QUEUE,
          work,
          guarded(async () => {
            const result = await runBookingReminders({ db: database.db, mailer, publicUrl: config.http.publicUrl });
            if (result.sent + result.planned + result.superseded > 0) log.info(result, 'booking reminders done');
            return result;
          }),
        );
        await boss.schedule(BOOKING_REMINDERS_QUEUE, BOOKING_REMINDERS_CRON, {}, { tz: 'UTC' });

        if (mailer.mode === 'smtp') {
          await boss.work<MailDeliveryData>(
            MAIL_DELIVERY_QUEUE,
            { ...work, batchSize: DELIVERY_BATCH_SIZE },
            guarded(mailDeliveryHandler(boss, mailer, log)),
          );
          await boss.work(MAIL_SWEEP_QUEUE, work, guarded(mailSweepHandler(boss, database, retryPolicy)));
          await boss.schedule(MAIL_SWEEP_QUEUE, MAIL_SWEEP_CRON, {}, { tz: 'UTC' });
        } else {
          // Schedules outlive the process: drop one left from a run with SMTP.
          await boss.unschedule(MAIL_SWEEP_QUEUE);
        }
      }
    });
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    executor.detach();
    throw error;
  }

  mailer.connectQueue({
    async queueDelivery(messageId) {
      await boss.insert([deliveryJob(messageId, retryPolicy)]);
    },
  });
  log.info({ runsJobs, mailMode: mailer.mode }, 'job queue started');

  let stopped: Promise<void> | undefined;
  return {
    boss,
    stop(options = {}) {
      stopped ??= (async () => {
        const timeoutMs = options.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
        const deadline = Date.now() + timeoutMs;
        stopping = true;
        mailer.connectQueue(undefined);
        await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
        // pg-boss has stopped its workers; let their last queries and handlers finish.
        const idle = await executor.whenIdle(deadline, () => running > 0);
        executor.detach();
        if (!idle) log.warn({ timeoutMs }, 'jobs still running at the stop timeout; the queue will retry them');
        log.info('job queue stopped');
      })();
      return stopped;
    },
  };
}
