// HTTP helpers shared by the sign-in routes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sha256Hex } from '../../../platform/secrets.ts';
import { sendProblem } from '../../plugins/problems.ts';
import { readSessionCookie, setSessionCookie } from '../../auth/session-cookie.ts';
import type { SignInResult } from './sign-in.ts';

/** The hash of whatever session cookie came in, valid or not: it must not outlive a new sign-in. */
export function previousSessionIdHash(request: FastifyRequest): string | null {
  const token = readSessionCookie(request);
  return token === undefined ? null : sha256Hex(token);
}

/**
 * Sets the cookie of the new session and answers `{ user, csrfToken }`, or
 * 401 mfa_enrolment_required when the session may only set up the authenticator.
 */
export function answerSignIn(request: FastifyRequest, reply: FastifyReply, result: SignInResult): FastifyReply {
  setSessionCookie(reply, result.session.token, result.session.maxAgeSeconds);
  if (result.kind === 'enrolment_required') {
    return sendProblem(
      request,
      reply,
      401,
      'mfa_enrolment_required',
      'Staff accounts need an authenticator app. Set it up to finish signing in.',
    );
  }
  return reply.send({ user: result.user, csrfToken: result.session.csrfToken });
}
