// The `puncta` command: start | migrate | seed | backup | restore.
// Exit codes: 0 done, 1 failed, 2 bad usage or configuration, 3 data folder in use.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { openDatabase } from '../db/database.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { deleteDemoClinic, seedDemoClinic } from '../db/seed/demo-clinic.ts';
import { hashPassword } from '../platform/password.ts';
import { backupDatabase, restoreDatabase } from '../db/backup.ts';
import { startPuncta } from '../server/runtime.ts';
import { demoCredentialsForSeeding, demoLogins } from '../server/demo-credentials.ts';
import { ensureWebBuild } from './web-build.ts';

const HELP = `Puncta: the platform for micro-needling clinics

Usage: puncta <command> [options]

Commands:
  start [--skip-web-build]
                        Migrate, seed the demo clinic on an empty database, and serve
                        the site and API (PORT, default 3000). Builds the browser app
                        first when it is missing or older than its sources.
  migrate               Apply database migrations and exit.
  seed [--reset]        Create the demo clinic if missing; --reset deletes and rebuilds it.
  backup <file>         Write a consistent copy of the database to <file>.
  restore <file> [--force]
                        Restore a backup. --force replaces existing data (the old
                        embedded cluster is moved aside, not deleted).
  help                  Show this text.

Configuration comes from environment variables; see README.md.
Exit codes: 0 done, 1 failed, 2 bad usage or configuration, 3 data folder in use.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      reset: { type: 'boolean' },
      force: { type: 'boolean' },
      'skip-web-build': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command = 'help', ...rest] = positionals;
  if (values.help === true || command === 'help') {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig(process.env);
  switch (command) {
    case 'start':
      return start(config, { buildWeb: values['skip-web-build'] !== true });
    case 'migrate':
      return migrate(config);
    case 'seed':
      return seed(config, values.reset === true);
    case 'backup':
      return backup(config, requireFile(rest, 'backup'));
    case 'restore':
      return restore(config, requireFile(rest, 'restore'), values.force === true);
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

function requireFile(rest: string[], command: string): string {
  if (rest.length !== 1 || rest[0] === undefined) throw new UsageError(`Usage: puncta ${command} <file>`);
  return rest[0];
}

async function start(config: Config, options: { buildWeb: boolean }): Promise<number> {
  if (options.buildWeb) await ensureWebBuild();
  const puncta = await startPuncta(config);
  printBanner(config, puncta.url, puncta.demo?.password, puncta.startupMs);

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      console.error(`Second ${signal}: exiting without waiting.`);
      process.exit(1);
    }
    console.log(`\n${signal} received: finishing requests, then closing the database...`);
    // A stuck request must not keep the process alive forever.
    const deadline = setTimeout(() => {
      console.error('Shutdown took longer than 20 s; exiting.');
      process.exit(1);
    }, 20_000);
    deadline.unref();
    puncta.stop().then(
      () => {
        console.log('Puncta stopped cleanly.');
        process.exit(0);
      },
      (error: unknown) => {
        puncta.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return new Promise<number>(() => {});
}

function printBanner(config: Config, url: string, demoPassword: string | undefined, startupMs: number): void {
  const database =
    config.database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL server';
  const lines = [
    '',
    `  Puncta is running at ${url}  (${database})`,
    '',
    `  Clinic site     ${url}/`,
    `  Patient & staff ${url}/app`,
    `  API docs        ${url}/api/docs`,
  ];
  if (config.demo.enabled) {
    lines.push(`  Demo mailbox    ${url}/app/staff/mailbox`, '', '  Demo logins:');
    for (const login of demoLogins()) lines.push(`    ${login.email.padEnd(34)}${login.role}`);
    lines.push(
      demoPassword === undefined
        ? '  Password: the one printed at first start (or set PUNCTA_DEMO_PASSWORD and run `puncta seed --reset`).'
        : `  Password for all demo logins: ${demoPassword}`,
    );
  }
  lines.push('', `  Ready in ${(startupMs / 1000).toFixed(1)} s. Press Ctrl+C to stop.`, '');
  console.log(lines.join('\n'));
}

async function migrate(config: Config): Promise<number> {
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    console.log('Migrations applied.');
    return 0;
  } finally {
    await database.close();
  }
}

async function seed(config: Config, reset: boolean): Promise<number> {
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    if (reset) await deleteDemoClinic(database);
    const credentials = await demoCredentialsForSeeding(config);
    const result = await seedDemoClinic(database, { passwordHash: await hashPassword(credentials.password) });
    console.log(result.created ? 'Demo clinic created.' : 'Demo clinic already present; nothing changed.');
    if (result.created) console.log(`Password for all demo logins: ${credentials.password}`);
    return 0;
  } finally {
    await database.close();
  }
}

async function backup(config: Config, file: string): Promise<number> {
  const summary = await backupDatabase(config.database, file);
  console.log(`Backup written to ${file} (${summary.bytes} bytes in ${summary.durationMs} ms).`);
  printTables(summary.tables);
  return 0;
}

async function restore(config: Config, file: string, force: boolean): Promise<number> {
  const summary = await restoreDatabase(config.database, file, { force });
  console.log(`Restored ${file} in ${summary.durationMs} ms.`);
  printTables(summary.tables);
  if (summary.previous !== undefined) console.log(`The data it replaced is kept at ${summary.previous}.`);
  return 0;
}

function printTables(tables: { table: string; rows: number }[]): void {
  for (const { table, rows } of tables) console.log(`  ${table.padEnd(28)}${rows} rows`);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    const isArgumentError = (error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS') === true;
    if (error instanceof ConfigError || error instanceof UsageError || isArgumentError) {
      console.error((error as Error).message);
      if (!(error instanceof ConfigError)) console.error('Run `puncta help` for the commands.');
      process.exit(2);
    }
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(3);
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
