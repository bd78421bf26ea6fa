// `npm start` on a fresh clone must not need a separate build step: when the
// browser app's build is missing or older than its sources, build it first.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Vite from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const webBuildDir = path.join(root, 'dist', 'web');

async function newestMtime(entry: string): Promise<number> {
  const info = await stat(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  const children = await readdir(entry);
  const times = await Promise.all(children.map((child) => newestMtime(path.join(entry, child))));
  return Math.max(info.mtimeMs, ...times);
}

export async function isWebBuildStale(): Promise<boolean> {
  const builtIndex = path.join(webBuildDir, 'index.html');
  if (!existsSync(builtIndex)) return true;
  const sources = [
    path.join(root, 'src', 'web', 'app'),
    path.join(root, 'src', 'web', 'public', 'brand'),
    path.join(root, 'vite.config.ts'),
    path.join(root, 'package-lock.json'),
  ].filter((entry) => existsSync(entry));
  const newestSource = Math.max(0, ...(await Promise.all(sources.map(newestMtime))));
  return newestSource > (await stat(builtIndex)).mtimeMs;
}

export async function ensureWebBuild(): Promise<void> {
  if (!(await isWebBuildStale())) return;
  let vite: typeof Vite;
  try {
    vite = await import('vite');
  } catch {
    console.warn('The browser app is not built and Vite is not installed (npm ci --omit=dev?). Run `npm run build`.');
    return;
  }
  console.log('Building the browser app (first start or changed sources)...');
  // The Vite config sets NODE_ENV=production for the build; the caller keeps its own.
  const nodeEnv = process.env.NODE_ENV;
  try {
    await vite.build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
