// Makes the shared services (database, mailer) available to every feature.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppServices } from '../app.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}

async function servicesPlugin(app: FastifyInstance, services: AppServices): Promise<void> {
  app.decorate('services', services);
  app.addHook('onClose', async () => {
    // The database outlives the app: whoever opened it closes it (see server/runtime.ts).
  });
}

export default fp(servicesPlugin, { name: 'services' });
