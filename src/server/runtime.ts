// Starting and stopping a whole Puncta node: database, migrations, demo data,
// mail, jobs and the HTTP server, in that order; stopping goes the other way
// (stop taking requests, drain, stop jobs, close the database).
import type { Logger } from 'pino';
import type { Config } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { hashPassword } from '../platform/password.ts';
import { withPersistentSessionSecret } from '../platform/secrets.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { hasAnyClinic, seedDemoClinic } from '../db/seed/demo-clinic.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { startJobs, type JobRuntime } from '../jobs/start-jobs.ts';
import { buildApp, type App } from './app.ts';
import { demoCredentialsForSeeding, knownDemoCredentials, type DemoCredentials } from './demo-credentials.ts';

export interface RunningPuncta {
  app: App;
  url: string;
  database: Database;
  logger: Logger;
  /** Present when this start seeded the demo clinic or found it seeded earlier. */
  demo: DemoCredentials | undefined;
  startupMs: number;
  stop(): Promise<void>;
}

/** Any 64-bit number unique to Puncta: the key of the seeding advisory lock. */
const SEED_LOCK_KEY = 7_310_442_020;

export async function startPuncta(
  givenConfig: Config,
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<RunningPuncta> {
  const startedAt = performance.now();
  // Without PUNCTA_SESSION_SECRET (outside production) the secret kept in
  // <data>/session-secret is used, so TOTP secrets encrypted by one run decrypt in the next.
  const config = await withPersistentSessionSecret(givenConfig);
  const logger = createLogger(config.logLevel, options.logStream);
  const database = await openDatabase(config.database);
  let mailer: Mailer | undefined;
  let jobs: JobRuntime | undefined;
  let app: App | undefined;
  try {
    await migrateDatabase(database);
    const demo = config.demo.enabled ? await ensureDemoClinic(config, database) : undefined;
    mailer = createMailer(config.mail, database, { logger });
    jobs = await startJobs({ config, database, mailer, logger });
    app = await buildApp(config, { database, mailer }, options);
    const address = await app.listen({ host: config.http.host, port: config.http.port });
    const url = config.http.port === 0 ? address : config.http.publicUrl;
    const running = app;
    const runningMailer = mailer;
    const runningJobs = jobs;
    let stopping: Promise<void> | undefined;
    return {
      app,
      url,
      database,
      logger,
      demo,
      startupMs: Math.round(performance.now() - startedAt),
      stop() {
        stopping ??= (async () => {
          // Load balancers see /readyz fail first, then the listener closes and
          // in-flight requests finish before the database goes away.
          running.readiness.draining = true;
          await closeAfterDraining(running);
          await runningJobs.stop();
          await runningMailer.close();
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await app?.close();
    await jobs?.stop({ timeoutMs: 5_000 });
    await mailer?.close();
    await database.close();
    throw error;
  }
}

/** How long in-flight requests get to finish before their connections are cut. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Closes the listener and waits for in-flight requests. A keep-alive connection
 * that finishes a request after the close began stays open until its keep-alive
 * timeout, so idle ones are swept every 250 ms, and anything left is cut at the
 * drain deadline.
 */
async function closeAfterDraining(app: App): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), 250);
  const deadline = setTimeout(() => app.server.closeAllConnections(), DRAIN_TIMEOUT_MS);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}

/**
 * Seeds the demo clinic on an empty database. Several nodes may start at once
 * on one PostgreSQL, so they take turns and only the first one seeds.
 */
async function ensureDemoClinic(config: Config, database: Database): Promise<DemoCredentials | undefined> {
  return database.withExclusiveLock(SEED_LOCK_KEY, async () => {
    if (await hasAnyClinic(database)) return knownDemoCredentials(config);
    const credentials = await demoCredentialsForSeeding(config);
    await seedDemoClinic(database, { passwordHash: await hashPassword(credentials.password) });
    return credentials;
  });
}
