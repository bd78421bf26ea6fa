// Serves the browser app (the Vite build in dist/web) under /app. Any /app path
// that is not a file gets index.html, and the app's router shows the page.
// Hashed assets are cached for good; index.html is revalidated on every visit
// so a new release is picked up at once.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Config } from '../platform/config.ts';
import { renderAppNotBuiltPage } from './public/site-plugin.tsx';

export const webBuildDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

// HTML pages and files are not API operations: keep them out of the OpenAPI document.
const publicRoute = { config: { access: 'public' as const }, schema: { hide: true } };
const IMMUTABLE = 'public, max-age=31536000, immutable';

export default async function appShell(
  app: FastifyInstance,
  options: { config: Config; buildDir?: string },
): Promise<void> {
  const buildDir = options.buildDir ?? webBuildDir;
  const indexFile = path.join(buildDir, 'index.html');

  if (!existsSync(indexFile)) {
    // A clone that was never built still serves the public site; /app explains itself.
    const notBuilt = async (_request: FastifyRequest, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderAppNotBuiltPage());
    app.get('/app', publicRoute, notBuilt);
    app.get('/app/*', publicRoute, notBuilt);
    return;
  }

  await app.register(fastifyStatic, {
    root: buildDir,
    prefix: '/app/',
    // One route per built file; the SPA fallback below answers everything else.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders(response, filePath) {
      const relative = path.relative(buildDir, filePath);
      let cacheControl = 'public, max-age=3600';
      if (relative === 'index.html') cacheControl = 'no-cache';
      else if (relative.startsWith(`assets${path.sep}`)) cacheControl = IMMUTABLE;
      response.setHeader('cache-control', cacheControl);
    },
  });

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    const rest = (request.params as { '*'?: string })['*'] ?? '';
    // A missing script or image must be a 404, not an HTML page the browser cannot use.
    if (rest.startsWith('assets/') || path.extname(rest) !== '') return reply.callNotFound();
    return reply.sendFile('index.html');
  };
  app.get('/app', publicRoute, sendIndex);
  app.get('/app/*', publicRoute, sendIndex);
}
