// `npm test` runs both projects: integration (unit and HTTP tests on PGlite, or on
// PostgreSQL when PUNCTA_TEST_DATABASE_URL is set) and e2e (Chromium).
// One project alone: `npm test -- --project integration`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'integration',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/fail-on-console-error.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      './vitest.e2e.config.ts',
    ],
  },
});
