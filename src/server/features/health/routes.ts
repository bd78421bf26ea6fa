// Liveness (/healthz: the process answers) and readiness (/readyz: it can serve,
// the database answers and it is not draining). Load balancers use /readyz.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendProblem } from '../../plugins/problems.ts';

const status = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']).optional() });

export default async function healthRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/healthz',
    { config: { access: 'public' }, schema: { hide: true, response: { 200: status } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    { config: { access: 'public' }, schema: { hide: true, response: { 200: status } } },
    async (request, reply) => {
      if (app.readiness.draining) {
        return sendProblem(request, reply, 503, 'draining', 'This node is shutting down.');
      }
      try {
        await app.services.database.ping();
      } catch {
        return sendProblem(request, reply, 503, 'database_unavailable', 'The database does not answer.');
      }
      return { status: 'ok' as const, database: app.services.database.kind };
    },
  );
}
