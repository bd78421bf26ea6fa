#!/usr/bin/env node
// The `puncta` command. TypeScript runs through tsx's loader, so there is no
// separate compile step to forget before starting.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
