// buildApp assembles the HTTP application without listening, so tests call it
// in-process with inject(). Plugins go in a fixed order: infrastructure, shared
// services, then features.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../platform/config.ts';
import type { Database } from '../db/database.ts';
import type { Mailer } from '../mail/mailer.ts';
import { loggerOptions } from '../platform/logger.ts';
import problems from './plugins/problems.ts';
import security from './plugins/security.ts';
import metrics from './plugins/metrics.ts';
import openapi from './plugins/openapi.ts';
import routeContracts from './plugins/route-contracts.ts';
import services from './plugins/services.ts';
import auth from './auth/plugin.ts';
import health from './features/health/routes.ts';
import clinic from './features/clinic/routes.ts';
import clinicPolicy from './features/clinic/policy-routes.ts';
import assessments from './features/assessments/routes.ts';
import demoMailbox from './features/demo-mailbox/routes.ts';
import authRoutes from './features/auth/routes.ts';
import staffRoutes from './features/staff/routes.ts';
import patientRoutes from './features/patients/routes.ts';
import meRoutes from './features/me/routes.ts';
import auditRoutes from './features/audit/routes.ts';
import articleRoutes from './features/articles/routes.ts';
import mediaRoutes from './features/articles/media-routes.ts';
import commentRoutes from './features/comments/routes.ts';
import schedulingAdminRoutes from './features/scheduling-admin/routes.ts';
import calendarRoutes from './features/calendar/routes.ts';
import schedulingRoutes from './features/scheduling/routes.ts';
import publicSite, { renderNotFoundPage, renderServerErrorPage } from '../web/public/site-plugin.tsx';
import commentPages from '../web/public/comments/comment-pages.tsx';
import appShell from '../web/app-plugin.ts';

export interface AppServices {
  database: Database;
  mailer: Mailer;
}

export interface BuildAppOptions {
  /** Where pino writes; tests pass a stream to read what was logged. */
  logStream?: NodeJS.WritableStream;
}

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    /** Set while the node shuts down: /readyz answers 503 so traffic moves elsewhere. */
    readiness: { draining: boolean };
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

export async function buildApp(config: Config, appServices: AppServices, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    // Take a caller's id when it looks like one, so a request can be followed
    // from the load balancer through every node's logs.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('readiness', { draining: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  // Infrastructure
  await app.register(problems, { renderNotFoundPage, renderServerErrorPage });
  await app.register(routeContracts);
  await app.register(security, { config });
  await app.register(metrics);
  await app.register(openapi, { config });

  // Shared services
  await app.register(services, appServices);
  await app.register(auth, { config });

  // Features
  await app.register(health);
  await app.register(clinic, { prefix: '/api/v1' });
  await app.register(demoMailbox, { prefix: '/api/v1', config });
  await app.register(authRoutes, { prefix: '/api/v1', config });
  await app.register(staffRoutes, { prefix: '/api/v1', config });
  await app.register(patientRoutes, { prefix: '/api/v1', config });
  await app.register(meRoutes, { prefix: '/api/v1', config });
  await app.register(auditRoutes, { prefix: '/api/v1', config });
  await app.register(clinicPolicy, { prefix: '/api/v1' });
  await app.register(assessments, { prefix: '/api/v1' });
  await app.register(articleRoutes, { prefix: '/api/v1' });
  await app.register(mediaRoutes);
  await app.register(commentRoutes, { prefix: '/api/v1', config });
  await app.register(schedulingAdminRoutes, { prefix: '/api/v1' });
  await app.register(schedulingRoutes, { prefix: '/api/v1', config });
  await app.register(calendarRoutes, { config });
  await app.register(publicSite, { config });
  await app.register(commentPages, { config });
  await app.register(appShell, { config });

  await app.ready();
  return app;
}
