import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  // The drift check generates into a scratch copy (scripts/check-migrations.ts).
  out: process.env.PUNCTA_MIGRATIONS_OUT ?? './src/db/migrations',
});
