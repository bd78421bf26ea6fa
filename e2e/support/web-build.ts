// Builds the browser app into dist/web when the build is missing or older than
// its sources, so the browser tests always exercise the current code.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const builtIndex = path.join(repoRoot, 'dist/web/index.html');
const sources = ['src/web/app', 'src/web/public/brand', 'vite.config.ts', 'package-lock.json'];

async function newestMtime(entry: string): Promise<number> {
  const info = await stat(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  const children = await readdir(entry);
  const times = await Promise.all(children.map((child) => newestMtime(path.join(entry, child))));
  return Math.max(info.mtimeMs, ...times);
}

export async function ensureWebBuild(): Promise<void> {
  if (existsSync(builtIndex)) {
    const newest = Math.max(...(await Promise.all(sources.map((source) => newestMtime(path.join(repoRoot, source))))));
    if (newest <= (await stat(builtIndex)).mtimeMs) return;
  }
  // The Vite config switches NODE_ENV to production for the build; the test
  // processes started after this must keep seeing "test".
  const nodeEnv = process.env.NODE_ENV;
  try {
    await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
