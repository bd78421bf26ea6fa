// Fails when src/db/schema.ts and the committed migrations disagree: it lets
// drizzle-kit generate into a scratch copy and checks that nothing new appears.
import { execFileSync } from 'node:child_process';
import { cp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

const committed = path.resolve('src/db/migrations');
// drizzle-kit takes the output folder relative to the project, so the scratch copy lives here.
const scratch = path.join('node_modules', '.cache', 'puncta-migration-drift');
await rm(scratch, { recursive: true, force: true });
try {
  await cp(committed, scratch, { recursive: true });
  const before = new Set(await readdir(scratch));
  const output = execFileSync('npx', ['drizzle-kit', 'generate', '--name', 'drift'], {
    env: { ...process.env, PUNCTA_MIGRATIONS_OUT: scratch },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // drizzle-kit can print an error and still exit 0: require its all-clear line.
  if (!output.includes('No schema changes')) {
    const added = (await readdir(scratch)).filter((file) => !before.has(file));
    if (added.length === 0) {
      console.error(`drizzle-kit did not confirm the schema:\n${output}`);
      process.exit(1);
    }
  }
  const added = (await readdir(scratch)).filter((file) => !before.has(file));
  if (added.length > 0) {
    console.error(
      `src/db/schema.ts has changes without a migration (drizzle-kit would add ${added.join(', ')}).\n` +
        'Run `npm run db:generate -- --name <what-changed>` and commit the result.',
    );
    process.exit(1);
  }
  console.log('Migrations match the schema.');
} finally {
  await rm(scratch, { recursive: true, force: true });
}
