// Applies the committed SQL migrations. On a PostgreSQL server several app nodes
// may start at once, so they queue on an advisory lock and the first one migrates.
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from './database.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Any 64-bit number unique to Puncta: the key of the migration advisory lock. */
const MIGRATION_LOCK_KEY = 7_310_442_019;

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  await database.withExclusiveLock(MIGRATION_LOCK_KEY, () =>
    migrateNodePg(database.db as unknown as NodePgDatabase, { migrationsFolder }),
  );
}
