// Delivering outbox mail over SMTP through the queue. One job per message,
// whose job id is the message id: queueing a message twice while its job is
// still around does nothing, so both the mailer (right after send) and the
// sweep (every minute, for messages written inside a transaction or whose job
// was lost) may queue it. The outbox row stays the truth: a job for a message
// that is no longer pending just completes.
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { listPendingOutboxIds } from '../db/repositories/outbox.ts';
import type { Mailer } from '../mail/mailer.ts';
import { LONGEST_ATTEMPT_SECONDS } from '../mail/smtp.ts';

export const MAIL_DELIVERY_QUEUE = 'mail-delivery';
export const MAIL_SWEEP_QUEUE = 'mail-sweep';
export const MAIL_SWEEP_CRON = '* * * * *';

/** Messages one worker delivers side by side. */
export const DELIVERY_BATCH_SIZE = 5;
const SWEEP_BATCH_SIZE = 200;

export interface MailDeliveryData {
  messageId: string;
}

export interface MailRetryPolicy {
  /** Delay before the first retry; pg-boss doubles it (with jitter) each time. */
  retryDelaySeconds: number;
  maxAttempts: number;
}

export function deliveryJob(messageId: string, policy: MailRetryPolicy): PgBoss.JobInsert<MailDeliveryData> {
  return {
    id: messageId,
    name: MAIL_DELIVERY_QUEUE,
    data: { messageId },
    // A few spare runs for ones that end without an attempt (a node stopping).
    retryLimit: policy.maxAttempts + 2,
    retryDelay: policy.retryDelaySeconds,
    retryBackoff: true,
    // The batch runs side by side, so it lasts about as long as its slowest attempt.
    expireInSeconds: LONGEST_ATTEMPT_SECONDS + 60,
  };
}

export function mailDeliveryHandler(boss: PgBoss, mailer: Mailer, log: Logger) {
  return async (jobs: PgBoss.Job<MailDeliveryData>[]): Promise<void> => {
    // Each message settles its own job: one failure must not send the others round again.
    await Promise.all(
      jobs.map(async (job) => {
        const { messageId } = job.data;
        let retry: boolean;
        try {
          retry = (await mailer.deliver(messageId)).status === 'retry';
        } catch (error) {
          log.error({ messageId, error: error instanceof Error ? error.name : 'unknown' }, 'mail delivery crashed');
          retry = true;
        }
        // pg-boss completes the rest of the batch; a failed job comes back after the backoff.
        if (retry) await boss.fail(MAIL_DELIVERY_QUEUE, job.id, { messageId });
      }),
    );
  };
}

export function mailSweepHandler(boss: PgBoss, database: Database, policy: MailRetryPolicy) {
  return async (): Promise<{ queued: number }> => {
    const ids = await listPendingOutboxIds(database.db, SWEEP_BATCH_SIZE);
    if (ids.length > 0) await boss.insert(ids.map((id) => deliveryJob(id, policy)));
    return { queued: ids.length };
  };
}
