// Runs once before the browser tests: builds the web app if needed, then starts
// a real Puncta server in this process on an embedded database with the demo
// clinic, and hands its URL to the test files.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/platform/config.ts';
import { openPglite } from '../../src/db/database.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { seedDemoClinic } from '../../src/db/seed/demo-clinic.ts';
import { hashPassword } from '../../src/platform/password.ts';
import { createMailer, type Mailer } from '../../src/mail/mailer.ts';
import { buildApp } from '../../src/server/app.ts';
import { ensureWebBuild } from '../../src/cli/web-build.ts';
import { sampleEmail } from './sample-email.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureWebBuild();

  const dataDir = await mkdtemp(path.join(tmpdir(), 'puncta-e2e-'));
  // The port is chosen up front so that canonical links and the OpenAPI server URL match it.
  const port = await freePort();
  const config = loadConfig({ NODE_ENV: 'test', PUNCTA_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' });
  const database = await openPglite(dataDir);
  try {
    await migrateDatabase(database);
    await seedDemoClinic(database, { passwordHash: await hashPassword('e2e-demo-password') });
    // No SMTP settings: the mailer keeps every message in the outbox (the demo mailbox).
    const mailer = createMailer(config.mail, database);
    await sendSampleEmail(mailer);
    const app = await buildApp(config, { database, mailer });
    await app.listen({ port, host: '127.0.0.1' });
    project.provide('baseUrl', config.http.publicUrl);
    return async () => {
      await app.close();
      await mailer.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    };
  } catch (error) {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** One message in the demo mailbox, so the mailbox page has something real to show. */
async function sendSampleEmail(mailer: Mailer): Promise<void> {
  await mailer.send(sampleEmail);
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
