// Type-aware lint rules that catch real bugs, plus the architecture's one hard
// boundary: src/domain is pure and imports nothing from the outer layers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/db/migrations/', 'e2e/screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'src/web/public/assets/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/db/**',
                '**/server/**',
                '**/jobs/**',
                '**/web/**',
                '**/cli/**',
                '**/mail/**',
                '**/platform/**',
              ],
              message:
                'src/domain is pure logic: it must not import from db, server, jobs, web, cli, mail or platform.',
            },
            {
              group: ['node:*', 'fastify*', 'drizzle-orm*', 'pg', 'pg-boss', '@electric-sql/*', 'nodemailer', 'react*'],
              message: 'src/domain does no I/O and uses no framework.',
            },
          ],
        },
      ],
    },
  },
);
