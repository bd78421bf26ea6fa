// Signing in and out, the current session, clinic switch and the session list.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../../platform/config.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { requireUser } from '../../auth/require-user.ts';
import { clearSessionCookie, setSessionCookie } from '../../auth/session-cookie.ts';
import { authContext } from './context.ts';
import { answerSignIn, previousSessionIdHash } from './reply.ts';
import {
  loginBodySchema,
  sessionListSchema,
  sessionViewSchema,
  signedInSchema,
  switchClinicBodySchema,
  idParamsSchema,
} from './schemas.ts';
import {
  describeSession,
  endOwnSession,
  listSessions,
  signOut,
  signOutEverywhere,
  switchClinic,
} from './session-service.ts';
import { signInWithPassword } from './sign-in.ts';

const noContent = z.null().describe('No content');

export default async function sessionRoutes(parent: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password (and the authenticator code for staff)',
        description:
          'Sets the session cookie. 401 invalid_credentials, mfa_required (send totp or recoveryCode), ' +
          'invalid_mfa_code, or mfa_enrolment_required (a session limited to setting up the authenticator ' +
          'is started); 403 email_not_verified; 429 rate_limited with Retry-After.',
        body: loginBodySchema,
        response: {
          200: signedInSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          415: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await signInWithPassword(authContext(app, config, request), {
        ...request.body,
        previousSessionIdHash: previousSessionIdHash(request),
      });
      return answerSignIn(request, reply, result);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'signed_in', allowBeforeMfa: true },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in person, the clinic and role this session acts in, and the CSRF token',
        response: { 200: sessionViewSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      return describeSession(authContext(app, config, request), principal, request.authSession?.csrfToken ?? '');
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'signed_in', allowBeforeMfa: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out this browser',
        response: { 204: noContent, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      await signOut(authContext(app, config, request), requireUser(request));
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-everywhere',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out every browser of this account (API tokens stay; revoke them separately)',
        response: { 204: noContent, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      await signOutEverywhere(authContext(app, config, request), requireUser(request));
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/session/clinic',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Act in another of your clinics (new session id and CSRF token)',
        body: switchClinicBodySchema,
        response: {
          200: sessionViewSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          415: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const context = authContext(app, config, request);
      const switched = await switchClinic(context, requireUser(request), request.body.clinicId);
      setSessionCookie(reply, switched.session.token, switched.session.maxAgeSeconds);
      return describeSession(context, switched.principal, switched.session.csrfToken);
    },
  );

  app.get(
    '/auth/sessions',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Your signed-in browsers',
        response: { 200: sessionListSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => ({ sessions: await listSessions(authContext(app, config, request), requireUser(request)) }),
  );

  app.delete(
    '/auth/sessions/:id',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out one of your browsers',
        params: idParamsSchema,
        response: { 204: noContent, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const wasCurrent = await endOwnSession(
        authContext(app, config, request),
        requireUser(request),
        request.params.id,
      );
      if (wasCurrent) clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );
}
