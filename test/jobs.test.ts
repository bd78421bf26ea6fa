// The job queue (pg-boss) on this engine, PGlite or PostgreSQL: jobs are
// worked and completed, a failing pg-boss script cannot wedge the database,
// the maintenance schedule fires and prunes the outbox,
// two nodes on one database neither duplicate schedules nor run them twice,
// and stop() finishes running work without taking new work.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.ts';
import { maintenanceRuns, outboxMessages } from '../src/db/schema.ts';
import { MAINTENANCE_QUEUE, OUTBOX_RETENTION_TASK } from '../src/jobs/maintenance.ts';
import { createQueueExecutor } from '../src/jobs/queue-executor.ts';
import { startJobs, type JobRuntime, type JobTuning } from '../src/jobs/start-jobs.ts';
import { createMailer, type Mailer } from '../src/mail/mailer.ts';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { eventually } from './support/eventually.ts';

const logger = createLogger('silent');
const fast: JobTuning = { pollingIntervalSeconds: 0.5, cronCheckIntervalSeconds: 1 };

let config: Config;
let database: TestDatabase;
let mailer: Mailer;

beforeAll(async () => {
  config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUNCTA_DATA_DIR: '/nonexistent' });
  database = await createTestDatabase();
  mailer = createMailer(config.mail, database);
});

afterAll(async () => {
  await mailer?.close();
  await database?.close();
});

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function jobState(id: string): Promise<string | undefined> {
  const { rows } = await database.executeSql('select state from pgboss.job where id = $1', [id]);
  return rows[0]?.state as string | undefined;
}

async function outboxRetentionRuns() {
  return database.db
    .select()
    .from(maintenanceRuns)
    .where(sql`${maintenanceRuns.task} = ${OUTBOX_RETENTION_TASK}`);
}

describe('pg-boss on the test database', () => {
  let jobs: JobRuntime;
  beforeAll(async () => {
    jobs = await startJobs({ config, database, mailer, logger, tuning: fast });
  });
  afterAll(async () => {
    await jobs?.stop({ timeoutMs: 2000 });
  });

  it('creates its schema and works a job it was sent, marking it completed', async () => {
    const { rows } = await database.executeSql(
      "select 1 from information_schema.tables where table_schema = 'pgboss' and table_name = 'job'",
    );
    expect(rows).toHaveLength(1);

    await jobs.boss.createQueue('test-greeting');
    const seen: unknown[] = [];
    await jobs.boss.work<{ greeting: string }>('test-greeting', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      seen.push(job?.data);
      return { answered: true };
    });
    const id = await jobs.boss.send('test-greeting', { greeting: 'hello' });
    if (id === null) throw new Error('job was not created');

    await eventually(
      () => jobState(id),
      (state) => state === 'completed',
    );
    expect(seen).toEqual([{ greeting: 'hello' }]);
  });
});

describe('the executor pg-boss runs its SQL through', () => {
  it('rolls a script that fails half-way back completely and leaves the database usable', async () => {
    const executor = createQueueExecutor(database);
    // The shape of pg-boss's schema and maintenance scripts.
    await expect(executor.executeSql('BEGIN; CREATE TABLE half_done (x int); SELECT 1/0; COMMIT;', [])).rejects.toThrow(
      'division by zero',
    );
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => database.executeSql("select to_regclass('half_done') is null as rolled_back")),
    );
    expect(answers.map((answer) => answer.rows[0]?.rolled_back)).toEqual(Array(8).fill(true));
  });
});

describe('the maintenance schedule', () => {
  it('fires, prunes old demo-mailbox and sent mail, keeps the rest, and records the run', async () => {
    const now = Date.now();
    const daysAgo = (days: number) => new Date(now - days * 24 * 60 * 60 * 1000);
    const row = (to: string, status: 'kept' | 'sent' | 'failed' | 'pending', createdAt: Date, sentAt?: Date) => ({
      toAddress: to,
      subject: 'Reminder',
      textBody: 'See you soon.',
      status,
      createdAt,
      sentAt: sentAt ?? null,
    });
    await database.db
      .insert(outboxMessages)
      .values([
        row('old-kept@example.test', 'kept', daysAgo(31)),
        row('recent-kept@example.test', 'kept', daysAgo(29)),
        row('old-sent@example.test', 'sent', daysAgo(120), daysAgo(91)),
        row('recent-sent@example.test', 'sent', daysAgo(120), daysAgo(80)),
        row('old-failed@example.test', 'failed', daysAgo(400)),
        row('old-pending@example.test', 'pending', daysAgo(400)),
      ]);

    // Every minute, so that starting the queue fires it at once.
    const jobs = await startJobs({
      config,
      database,
      mailer,
      logger,
      tuning: { ...fast, maintenanceCron: '* * * * *' },
    });
    try {
      const schedules = await jobs.boss.getSchedules();
      expect(schedules.find((schedule) => schedule.name === MAINTENANCE_QUEUE)?.cron).toBe('* * * * *');

      const [run] = await eventually(outboxRetentionRuns, (runs) => runs.length > 0);
      expect(run?.details).toMatchObject({ keptDeleted: 1, sentDeleted: 1 });
      expect(run?.startedAt.getTime()).toBeGreaterThanOrEqual(now - 1000);

      const left = await database.db.select({ to: outboxMessages.toAddress }).from(outboxMessages);
      expect(left.map((message) => message.to).sort()).toEqual([
        'old-failed@example.test',
        'old-pending@example.test',
        'recent-kept@example.test',
        'recent-sent@example.test',
      ]);
    } finally {
      await jobs.stop({ timeoutMs: 2000 });
    }
  });
});

describe('several nodes on one database', () => {
  it('start together, keep one schedule and run it once, and leave the shared connections healthy', async () => {
    // A database of their own: a schedule that already fired this minute elsewhere would not fire again.
    const shared = await createTestDatabase();
    // On PostgreSQL the second node has its own pool, as a second process would.
    const second: Database =
      shared.url === undefined ? shared : await openDatabase({ kind: 'postgres', url: shared.url, poolSize: 4 });
    const runs = () =>
      shared.db
        .select()
        .from(maintenanceRuns)
        .where(sql`${maintenanceRuns.task} = ${OUTBOX_RETENTION_TASK}`);
    const tuning = { ...fast, maintenanceCron: '* * * * *' };
    // Both create pg-boss's schema at once, on a database that has none yet.
    const [one, two] = await Promise.all([
      startJobs({ config, database: shared, mailer: createMailer(config.mail, shared), logger, tuning }),
      startJobs({ config, database: second, mailer: createMailer(config.mail, second), logger, tuning }),
    ]);
    try {
      await eventually(runs, (found) => found.length > 0);
      // Each node checks the schedule every second; a run per check would show many rows by now.
      await pause(3000);
      expect((await runs()).length).toBeLessThanOrEqual(2);
      const schedules = await one.boss.getSchedules();
      expect(schedules.filter((schedule) => schedule.name === MAINTENANCE_QUEUE)).toHaveLength(1);

      // Every pooled connection still answers (none left inside a failed transaction).
      const answers = await Promise.all(Array.from({ length: 8 }, () => second.executeSql('select 1 as ok')));
      expect(answers.map((answer) => answer.rows[0]?.ok)).toEqual(Array(8).fill(1));
    } finally {
      await Promise.all([one.stop({ timeoutMs: 2000 }), two.stop({ timeoutMs: 2000 })]);
      if (second !== shared) await second.close();
      await shared.close();
    }
  });
});

describe('stop()', () => {
  it('lets the running job finish, takes no new job, and then returns', async () => {
    const jobs = await startJobs({ config, database, mailer, logger, tuning: fast });
    await jobs.boss.createQueue('test-slow');
    let started = 0;
    let finished = 0;
    await jobs.boss.work('test-slow', { pollingIntervalSeconds: 0.5 }, async () => {
      started += 1;
      await pause(1500);
      finished += 1;
    });
    const running = await jobs.boss.send('test-slow', {});
    await eventually(
      async () => started,
      (count) => count === 1,
    );
    const waiting = await jobs.boss.send('test-slow', {});
    if (running === null || waiting === null) throw new Error('jobs were not created');

    await jobs.stop({ timeoutMs: 10_000 });

    expect(finished).toBe(1);
    expect(await jobState(running)).toBe('completed');
    await pause(1000);
    expect(started).toBe(1);
    expect(await jobState(waiting)).toBe('created');
  });

  it('returns after the timeout when a job runs too long, leaving it to be retried', async () => {
    const jobs = await startJobs({ config, database, mailer, logger, tuning: fast });
    await jobs.boss.createQueue('test-stuck');
    let started = false;
    await jobs.boss.work('test-stuck', { pollingIntervalSeconds: 0.5 }, async () => {
      started = true;
      await pause(2500);
    });
    const stuck = await jobs.boss.send('test-stuck', {});
    if (stuck === null) throw new Error('job was not created');
    await eventually(async () => started, Boolean);

    const before = Date.now();
    await jobs.stop({ timeoutMs: 1000 });
    expect(Date.now() - before).toBeLessThan(3000);
    expect(await jobState(stuck)).toBe('retry');
    // Let the abandoned handler end before the database closes.
    await pause(2000);
  });
});
