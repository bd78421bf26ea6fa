// Rules every route must follow, checked when the route is registered so that a
// route breaking them stops the app from starting (and every test with it):
// - it declares who may call it (config.access), deny by default;
// - under /api/v1 it has a response schema, and a JSON body schema rejects
//   unknown fields (z.strictObject), so a typo is an error, not silently dropped;
// - an /api/v1 body is JSON only: a form post from another site (urlencoded)
//   gets 415 before any handler runs.
// The declared policy is also enforced here, per route, in an onRequest hook
// that runs after the auth plugin has resolved request.principal (auth/access.ts).
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteOptions,
  onRequestAsyncHookHandler,
  preValidationHookHandler,
} from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { sendProblem } from './problems.ts';
import type { Role } from '../auth/principal.ts';
import { enforceAccess } from '../auth/access.ts';

export type AccessPolicy =
  /** Anyone, signed in or not. */
  | 'public'
  /** Only while the demo clinic runs (PUNCTA_DEMO); the route also checks its own rules. */
  | 'demo'
  /** Any signed-in person, patient or staff. */
  | 'signed_in'
  /** Signed in with one of these roles in the current clinic. */
  | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessPolicy;
    /** Open to a session that still has to enrol its authenticator (MFA enrolment, sign-out). */
    allowBeforeMfa?: boolean;
  }
}

/** Routes added by third-party plugins (docs UI, static files) that are public by nature. */
const INFRASTRUCTURE_PREFIXES = ['/api/docs', '/app', '/static/', '/assets/'];

export interface RegisteredRoute {
  method: string;
  url: string;
  access: AccessPolicy;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

function checkRoute(route: RouteOptions): AccessPolicy {
  const config = (route.config ?? {}) as { access?: AccessPolicy; allowBeforeMfa?: boolean };
  let access = config.access;
  if (access === undefined && INFRASTRUCTURE_PREFIXES.some((prefix) => route.url.startsWith(prefix))) {
    access = 'public';
    route.config = { ...config, access };
  }
  if (access === undefined) {
    throw new Error(`Route ${String(route.method)} ${route.url} declares no access policy (config.access)`);
  }
  if (route.url.startsWith('/api/v1')) {
    const schema = route.schema ?? {};
    if (schema.response === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} has no response schema`);
    }
    const body = schema.body;
    if (body instanceof z.ZodObject && !(body.def.catchall instanceof z.ZodNever)) {
      throw new Error(`Route ${String(route.method)} ${route.url}: use z.strictObject for the body`);
    }
    if (body !== undefined) {
      route.preValidation = [requireJsonBody, ...[route.preValidation ?? []].flat()];
    }
  }
  const routeAccess = { access, allowBeforeMfa: config.allowBeforeMfa === true };
  const guard: onRequestAsyncHookHandler = (request, reply) => enforceAccess(request, reply, routeAccess);
  // First among the route's own hooks; the auth plugin's global hook has run before them all.
  route.onRequest = [guard, ...[route.onRequest ?? []].flat()];
  return access;
}

const requireJsonBody: preValidationHookHandler = function (
  request: FastifyRequest,
  reply: FastifyReply,
  done: (error?: Error) => void,
) {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    void sendProblem(request, reply, 415, 'unsupported_media_type', 'Send the body as application/json.');
    return;
  }
  done();
};

async function routeContractsPlugin(app: FastifyInstance): Promise<void> {
  const registered: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (route) => {
    const access = checkRoute(route);
    for (const method of [route.method].flat()) registered.push({ method, url: route.url, access });
  });
}

export default fp(routeContractsPlugin, { name: 'route-contracts' });
