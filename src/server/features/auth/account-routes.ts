// Sign-up, email verification, password reset, sign-in links, password change
// and invitation acceptance.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../../platform/config.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { requireUser } from '../../auth/require-user.ts';
import {
  acceptInvitation,
  changePassword,
  completePasswordReset,
  completeSignInLink,
  requestLink,
  signUp,
  verifyEmail,
} from './account.ts';
import { authContext } from './context.ts';
import {
  acceptedSchema,
  changePasswordBodySchema,
  emailOnlyBodySchema,
  invitationAcceptBodySchema,
  resetCompleteBodySchema,
  signInLinkCompleteBodySchema,
  signedInSchema,
  signupBodySchema,
  tokenBodySchema,
} from './schemas.ts';
import { answerSignIn, previousSessionIdHash } from './reply.ts';

const noContent = z.null().describe('No content');
const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  415: problemSchema,
  422: problemSchema,
  429: problemSchema,
};

export default async function accountRoutes(parent: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/auth/signup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Create a patient account; a verification link is emailed',
        description: 'Answers 202 whether or not the address already has an account (its owner is emailed instead).',
        body: signupBodySchema,
        response: { 202: acceptedSchema, 409: problemSchema, ...problems },
      },
    },
    async (request, reply) => {
      await signUp(authContext(app, config, request), request.body);
      return reply.code(202).send({ status: 'verification_sent' });
    },
  );

  app.post(
    '/auth/verify-email',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm the email address with the emailed token, and sign in',
        body: tokenBodySchema,
        response: { 200: signedInSchema, ...problems },
      },
    },
    async (request, reply) =>
      answerSignIn(
        request,
        reply,
        await verifyEmail(authContext(app, config, request), request.body.token, previousSessionIdHash(request)),
      ),
  );

  app.post(
    '/auth/password-reset/request',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Email a password reset link (30 minutes, single use)',
        description: 'Answers 202 whether or not the address has an account.',
        body: emailOnlyBodySchema,
        response: { 202: acceptedSchema, ...problems },
      },
    },
    async (request, reply) => {
      await requestLink(authContext(app, config, request), 'password_reset', request.body.email);
      return reply.code(202).send({ status: 'accepted' });
    },
  );

  app.post(
    '/auth/password-reset/complete',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Choose a new password with the emailed token; every session of the account ends',
        body: resetCompleteBodySchema,
        response: { 204: noContent, ...problems },
      },
    },
    async (request, reply) => {
      await completePasswordReset(authContext(app, config, request), request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/sign-in-link/request',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Email a one-time sign-in link (15 minutes, single use)',
        description:
          'Answers 202 whether or not the address has an account. Staff still need their authenticator code.',
        body: emailOnlyBodySchema,
        response: { 202: acceptedSchema, ...problems },
      },
    },
    async (request, reply) => {
      await requestLink(authContext(app, config, request), 'sign_in_link', request.body.email);
      return reply.code(202).send({ status: 'accepted' });
    },
  );

  app.post(
    '/auth/sign-in-link/complete',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with the emailed token',
        description:
          'Staff with an authenticator: 401 mfa_required until totp or recoveryCode is sent; the link stays usable until then.',
        body: signInLinkCompleteBodySchema,
        response: { 200: signedInSchema, ...problems },
      },
    },
    async (request, reply) =>
      answerSignIn(
        request,
        reply,
        await completeSignInLink(authContext(app, config, request), request.body, previousSessionIdHash(request)),
      ),
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Change your password; your other sessions end',
        body: changePasswordBodySchema,
        response: { 204: noContent, ...problems },
      },
    },
    async (request, reply) => {
      await changePassword(authContext(app, config, request), requireUser(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/invitations/accept',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Accept a staff invitation and sign in',
        description:
          'A new account sets its password (at least 12 characters, not a common one); an existing account ' +
          'gives its current password. Staff in production then set up an authenticator (401 mfa_enrolment_required).',
        body: invitationAcceptBodySchema,
        response: { 200: signedInSchema, ...problems },
      },
    },
    async (request, reply) =>
      answerSignIn(
        request,
        reply,
        await acceptInvitation(authContext(app, config, request), request.body, previousSessionIdHash(request)),
      ),
  );
}
