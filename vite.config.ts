// Builds the browser app (src/web/app) into dist/web, served by the Fastify
// server under /app. In `npm run dev` Vite serves /app with hot reload and
// forwards every other path (API, public pages, health checks) to the API
// server on :3000, which it starts alongside unless PUNCTA_DEV_API=external.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));
const API_PORT = 3000;

const appRoot = path.join(repoRoot, 'src/web/app');

const config: UserConfig = {
  root: appRoot,
  base: '/app/',
  // The favicon is shared with the public pages.
  publicDir: path.join(repoRoot, 'src/web/public/brand'),
  plugins: [react(), fixedAppRoot(), apiServerForDev()],
  build: {
    outDir: path.join(repoRoot, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships explanatory comments next to its pure annotations; harmless.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // Everything outside /app belongs to the server: /api, /healthz, /, /treatments...
      '^/(?!app(?:/|$)).*': { target: `http://127.0.0.1:${API_PORT}`, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
};

export default defineConfig(({ command }) => {
  // A build is always a production build, even when the calling process has
  // NODE_ENV=test or development: otherwise React's development build ships.
  // Vite reads this after loading the config (and sets it itself when unset).
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});

/**
 * The app's index.html lives in src/web/app. A caller's inline `root` (say the
 * repository folder) would otherwise win over this file and send Vite looking
 * for index.html in the wrong place; plugin config hooks run after that merge.
 */
function fixedAppRoot(): Plugin {
  return { name: 'puncta-app-root', config: () => ({ root: appRoot }) };
}

/** Starts `puncta start` under tsx watch next to the Vite dev server, and stops it with it. */
function apiServerForDev(): Plugin {
  let child: ChildProcess | undefined;
  return {
    name: 'puncta-api-server',
    apply: 'serve',
    configureServer(server) {
      if (process.env.PUNCTA_DEV_API === 'external') return;
      const tsxCli = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
      child = spawn(
        process.execPath,
        [tsxCli, 'watch', '--clear-screen=false', path.join(repoRoot, 'src/cli/main.ts'), 'start', '--skip-web-build'],
        {
          cwd: repoRoot,
          stdio: 'inherit',
          // Vite serves the browser app in development: the server need not build it.
          env: { ...process.env, PORT: String(API_PORT) },
        },
      );
      child.on('exit', (code, signal) => {
        if (signal === null && code !== 0) server.config.logger.error(`API server exited with code ${code}`);
      });
      const stop = (): void => {
        child?.kill('SIGTERM');
      };
      server.httpServer?.once('close', stop);
      process.once('exit', stop);
    },
  };
}
