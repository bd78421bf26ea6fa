// OpenAPI 3.1 generated from the routes' zod schemas: /api/openapi.json for tools,
// /api/docs for people.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Config } from '../../platform/config.ts';
import { problemSchema } from './problems.ts';

async function openapiPlugin(app: FastifyInstance, { config }: { config: Config }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Puncta API',
        version: '1',
        description:
          'The API of Puncta, the platform for micro-needling clinics. Every error answers ' +
          'with application/problem+json (schema Problem) and a stable `code`.',
      },
      servers: [{ url: config.http.publicUrl }],
      components: { schemas: {} },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI styles itself inline; everything else stays as strict as the app's CSP.
    staticCSP: {
      'default-src': ["'self'"],
      'base-uri': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'object-src': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'self'"],
    },
    // No calls to the public validator service: nothing leaves the clinic's network.
    uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
  // Keep the Problem shape in the document even before a route references it.
  void problemSchema;
}

export default fp(openapiPlugin, { name: 'openapi' });
