// A fresh, migrated database for one test file: a copy of the template made in
// global-setup.ts, on PGlite, or on PostgreSQL when PUNCTA_TEST_DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { openDatabase, openPglite, type Database } from '../../src/db/database.ts';
import { adminQuery, withDatabase } from './global-setup.ts';

export interface TestDatabase extends Database {
  /** The postgres:// URL of this copy (PostgreSQL runs only). */
  readonly url: string | undefined;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = inject('postgresTemplate');
  if (server === null) {
    const template = await readFile(inject('pgliteTemplate'));
    const database = await openPglite(undefined, { loadDataDir: new Blob([template]) });
    return Object.assign(database, { url: undefined });
  }
  const name = `puncta_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(server.url, `create database ${name} template ${server.templateName}`);
  const url = withDatabase(server.url, name);
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  const close = database.close.bind(database);
  return Object.assign(database, {
    url,
    async close() {
      await close();
      await adminQuery(server.url, `drop database if exists ${name} with (force)`);
    },
  });
}

/** Which engine this run tests on, for the few assertions that differ. */
export function testEngine(): 'pglite' | 'postgres' {
  return inject('postgresTemplate') === null ? 'pglite' : 'postgres';
}
