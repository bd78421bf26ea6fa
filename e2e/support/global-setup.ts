// Runs once before the browser tests: builds the web app if needed, then starts
// a real Puncta server in this process on an embedded database with the demo
// clinic, its job queue, and a real SMTP server on loopback that receives the
// mail Puncta sends (sign-up confirmations, links), so that tests read emails
// the way people do. The test files get the server's URL, the demo password
// and where to read the mail.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { openPglite } from '../../src/db/database.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { seedDemoClinic } from '../../src/db/seed/demo-clinic.ts';
import { hashPassword } from '../../src/platform/password.ts';
import { createMailer, type Mailer } from '../../src/mail/mailer.ts';
import { startJobs, type JobRuntime } from '../../src/jobs/start-jobs.ts';
import { buildApp, type App } from '../../src/server/app.ts';
import { ensureWebBuild } from '../../src/cli/web-build.ts';
import { startMailPeer, type MailPeer } from './mail-peer.ts';
import { sampleEmail } from './sample-email.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The password of every demo login (admin@, frontdesk@, practitioner1@... demo.puncta.test). */
    demoPassword: string;
    /** GET ?to=<address>: the mail the SMTP peer received (see support/mail.ts). */
    mailReadUrl: string;
  }
}

export const DEMO_PASSWORD = 'e2e-demo-password';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureWebBuild();

  const dataDir = await mkdtemp(path.join(tmpdir(), 'puncta-e2e-'));
  const database = await openPglite(dataDir);
  let mailPeer: MailPeer | undefined;
  let mailer: Mailer | undefined;
  let jobs: JobRuntime | undefined;
  let app: App | undefined;
  const stop = async () => {
    await app?.close();
    await jobs?.stop({ timeoutMs: 5000 });
    await mailer?.close();
    await mailPeer?.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    mailPeer = await startMailPeer();
    // The port is chosen up front so that canonical links and the OpenAPI server URL match it.
    const port = await freePort();
    const config = loadConfig({
      NODE_ENV: 'test',
      PUNCTA_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      SMTP_URL: mailPeer.smtpUrl,
      MAIL_FROM: 'Demo Dermatology <hello@demo.puncta.test>',
    });
    await migrateDatabase(database);
    await seedDemoClinic(database, { passwordHash: await hashPassword(DEMO_PASSWORD) });
    mailer = createMailer(config.mail, database);
    // The queue delivers each message right after it is written; poll often so tests wait little.
    jobs = await startJobs({
      config,
      database,
      mailer,
      logger: createLogger('silent'),
      tuning: { pollingIntervalSeconds: 0.5, cronCheckIntervalSeconds: 1, mailRetryDelaySeconds: 1 },
    });
    // One message in the demo mailbox, so the mailbox page has something real to show.
    await mailer.send(sampleEmail);
    app = await buildApp(config, { database, mailer });
    await app.listen({ port, host: '127.0.0.1' });
    project.provide('baseUrl', config.http.publicUrl);
    project.provide('demoPassword', DEMO_PASSWORD);
    project.provide('mailReadUrl', mailPeer.readUrl);
    return stop;
  } catch (error) {
    await stop();
    throw error;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}
