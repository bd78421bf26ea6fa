#!/usr/bin/env node
// The `puncta` command. TypeScript runs through tsx's loader, so there is no
// separate compile step to forget before starting.
import process from 'node:process';
import { register } from 'tsx/esm/api';

// Libraries (React above all: its development build renders pages about half as
// fast) read NODE_ENV. Puncta's own NODE_ENV=production means more (an explicit
// session secret, two-step sign-in for staff), which the demo on a laptop should
// not demand. So when NODE_ENV is unset, libraries get "production" and Puncta
// stays in development mode (PUNCTA_MODE; see src/platform/config.ts).
if (process.env.NODE_ENV === undefined) {
  process.env.NODE_ENV = 'production';
  process.env.PUNCTA_MODE ??= 'development';
}

register();
await import('../src/cli/main.ts');
