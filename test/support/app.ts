// Builds the real HTTP app on a fresh test database, for inject()-style tests.
import { Writable } from 'node:stream';
import { buildApp, type App } from '../../src/server/app.ts';
import { loadConfig, type Config, type Environment } from '../../src/platform/config.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { hashPassword } from '../../src/platform/password.ts';
import { seedDemoClinic } from '../../src/db/seed/demo-clinic.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const TEST_DEMO_PASSWORD = 'correct-horse-battery-staple-demo';

export interface TestApp {
  app: App;
  config: Config;
  database: TestDatabase;
  /** Everything the app logged, one JSON object per line. */
  logs: string[];
  close(): Promise<void>;
}

export async function createTestApp(options: { env?: Environment; seedDemo?: boolean } = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', PUNCTA_DATA_DIR: '/nonexistent', ...options.env });
  const database = await createTestDatabase();
  if (options.seedDemo ?? true) {
    await seedDemoClinic(database, { passwordHash: await hashPassword(TEST_DEMO_PASSWORD) });
  }
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const mailer = createMailer(config.mail, database);
  const app = await buildApp(config, { database, mailer }, { logStream });
  return {
    app,
    config,
    database,
    logs,
    async close() {
      await app.close();
      await mailer.close();
      await database.close();
    },
  };
}
