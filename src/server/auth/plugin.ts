// Resolves request.principal from the session cookie or a Bearer token (being written).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../platform/config.ts';
import { ANONYMOUS, type Principal } from './principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

async function authPlugin(app: FastifyInstance, _options: { config: Config }): Promise<void> {
  app.decorateRequest('principal', { getter: () => ANONYMOUS });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['services'] });
