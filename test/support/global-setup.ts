// Runs once before all test files: migrates a template database, so that each
// test file starts from a copy instead of running every migration again.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { dumpPglite, openPglite, openDatabase } from '../../src/db/database.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: { url: string; templateName: string } | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'puncta-test-'));
  const database = await openPglite(undefined);
  await migrateDatabase(database);
  const templateFile = path.join(scratch, 'pglite-template.tar.gz');
  await writeFile(templateFile, Buffer.from(await (await dumpPglite(database)).arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', templateFile);

  const serverUrl = process.env.PUNCTA_TEST_DATABASE_URL;
  let templateName: string | null = null;
  if (serverUrl !== undefined && serverUrl !== '') {
    templateName = `puncta_template_${process.pid}`;
    await adminQuery(serverUrl, `drop database if exists ${templateName}`);
    await adminQuery(serverUrl, `create database ${templateName}`);
    const template = await openDatabase({ kind: 'postgres', url: withDatabase(serverUrl, templateName), poolSize: 2 });
    await migrateDatabase(template);
    await template.close();
    project.provide('postgresTemplate', { url: serverUrl, templateName });
  } else {
    project.provide('postgresTemplate', null);
  }

  return async () => {
    await rm(scratch, { recursive: true, force: true });
    if (serverUrl !== undefined && templateName !== null) {
      await adminQuery(serverUrl, `drop database if exists ${templateName} with (force)`);
    }
  };
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
