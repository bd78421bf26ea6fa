// Staff authenticator enrolment. Reachable by a session that still has to
// enrol (a production sign-in answered mfa_enrolment_required).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import { findUserById } from '../../../db/repositories/users.ts';
import { revokeSession } from '../../../db/repositories/sessions.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import type { Config } from '../../../platform/config.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { STAFF_ROLES } from '../../auth/principal.ts';
import { requireUser } from '../../auth/require-user.ts';
import { setSessionCookie } from '../../auth/session-cookie.ts';
import { startSession } from '../../auth/sessions.ts';
import { authContext, inTransaction } from './context.ts';
import { beginTotpEnrolment, confirmTotpEnrolment, invalidCodeError } from './mfa.ts';
import { totpConfirmBodySchema, totpConfirmedSchema, totpEnrolmentSchema } from './schemas.ts';

export default async function mfaRoutes(parent: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/auth/mfa/totp/enrol',
    {
      config: { access: { roles: STAFF_ROLES }, allowBeforeMfa: true },
      schema: {
        tags: ['auth'],
        summary: 'Start setting up an authenticator app: a secret and its QR code',
        description: 'Calling again before confirming replaces the secret. 409 mfa_already_enrolled once confirmed.',
        response: { 200: totpEnrolmentSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      const user = await findUserById(app.services.database.db, principal.userId);
      if (user === undefined) throw new NotFoundError('The account');
      return beginTotpEnrolment(authContext(app, config, request), user);
    },
  );

  app.post(
    '/auth/mfa/totp/confirm',
    {
      config: { access: { roles: STAFF_ROLES }, allowBeforeMfa: true },
      schema: {
        tags: ['auth'],
        summary: 'Finish the setup with a first code; answers the recovery codes once',
        description: 'The session id and CSRF token change (the session is now MFA-verified).',
        body: totpConfirmBodySchema,
        response: {
          200: totpConfirmedSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
          415: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const context = authContext(app, config, request);
      const principal = requireUser(request);
      const oldIdHash = principal.sessionIdHash;
      const confirmed = await inTransaction(context, async (tx) => {
        const recoveryCodes = await confirmTotpEnrolment(
          tx,
          context,
          principal.userId,
          request.body.code,
          context.actor,
        );
        if (recoveryCodes === undefined) return undefined;
        if (oldIdHash !== null) await revokeSession(tx, oldIdHash);
        const session = await startSession(tx, config, {
          userId: principal.userId,
          clinicId: principal.clinicId,
          role: principal.role,
          mfaVerified: true,
          ip: context.ip,
          userAgent: context.userAgent,
        });
        return { recoveryCodes, session };
      });
      if (confirmed === undefined) {
        await recordAuditEvent(app.services.database.db, context.actor, { action: 'mfa_failed', outcome: 'failed' });
        throw invalidCodeError();
      }
      setSessionCookie(reply, confirmed.session.token, confirmed.session.maxAgeSeconds);
      return { recoveryCodes: confirmed.recoveryCodes, csrfToken: confirmed.session.csrfToken };
    },
  );
}
