// Enforces a route's declared access policy and CSRF, before the body is even
// parsed: an anonymous caller learns nothing about a protected route's schema.
// Order: CSRF (a forged request must not reach anything), then who may call.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAuditEvent } from '../../db/repositories/audit.ts';
import { safeEqual } from '../../platform/secrets.ts';
import { auditActor } from '../audit/actor.ts';
import { sendProblem } from '../plugins/problems.ts';
import type { AccessPolicy } from '../plugins/route-contracts.ts';
import type { UserPrincipal } from './principal.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Loopback origins, accepted outside production so `npm run dev` (Vite on :5173) works. */
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export interface RouteAccess {
  access: AccessPolicy;
  /** Reachable by a session that still has to finish MFA enrolment. */
  allowBeforeMfa: boolean;
}

/** Answers the request itself (and returns the reply) when it must not go on. */
export async function enforceAccess(
  request: FastifyRequest,
  reply: FastifyReply,
  route: RouteAccess,
): Promise<FastifyReply | undefined> {
  const { access } = route;
  const principal = request.principal;
  // Bearer requests are not sent by browsers on their own: no CSRF check for them.
  const viaApiToken = principal.kind === 'user' && principal.via === 'api_token';

  if (!SAFE_METHODS.has(request.method) && !viaApiToken) {
    const origin = requestOrigin(request);
    // A foreign origin is refused on every route, public ones too (login CSRF).
    if (origin !== undefined && !isOwnOrigin(request, origin)) {
      return csrfFailed(request, reply);
    }
    const cookieAuthenticated = principal.kind === 'user' && principal.via === 'session';
    if (cookieAuthenticated && access !== 'public' && access !== 'demo') {
      const token = request.headers['x-csrf-token'];
      const expected = request.authSession?.csrfToken;
      if (origin === undefined || typeof token !== 'string' || expected === undefined || !safeEqual(token, expected)) {
        return csrfFailed(request, reply);
      }
    }
  }

  if (access === 'public' || access === 'demo') return undefined;
  if (principal.kind !== 'user') {
    return sendProblem(request, reply, 401, 'unauthorized', 'Sign in to continue.');
  }
  if (!principal.mfaVerified && !route.allowBeforeMfa) {
    return sendProblem(
      request,
      reply,
      401,
      'mfa_enrolment_required',
      'Set up your authenticator app to finish signing in.',
    );
  }
  const refusal = apiTokenRefusal(request, principal) ?? roleRefusal(access, principal);
  if (refusal !== undefined) {
    await recordAuditEvent(request.server.services.database.db, auditActor(request), {
      action: 'access_denied',
      outcome: 'denied',
      resourceType: 'route',
      resourceId: `${request.method} ${request.routeOptions.url ?? ''}`,
    });
    return sendProblem(request, reply, 403, refusal.code, refusal.detail);
  }
  return undefined;
}

interface Refusal {
  code: string;
  detail: string;
}

function roleRefusal(access: AccessPolicy, principal: UserPrincipal): Refusal | undefined {
  if (access === 'signed_in' || access === 'public' || access === 'demo') return undefined;
  if (access.roles.includes(principal.role)) return undefined;
  return { code: 'forbidden', detail: 'Your role in this clinic does not allow this.' };
}

function apiTokenRefusal(request: FastifyRequest, principal: UserPrincipal): Refusal | undefined {
  if (principal.via !== 'api_token') return undefined;
  // Account changes (passwords, sessions, MFA, other tokens) need a person, not a script.
  if (request.url.startsWith('/api/v1/auth/')) {
    return { code: 'api_token_not_allowed', detail: 'API tokens cannot be used for account settings.' };
  }
  const needed = SAFE_METHODS.has(request.method) ? 'read' : 'write';
  if (!(principal.scopes ?? []).includes(needed)) {
    return { code: 'insufficient_scope', detail: `This API token lacks the "${needed}" scope.` };
  }
  return undefined;
}

function requestOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '' && origin !== 'null') return origin;
  // Privacy tools strip Origin on some requests but keep Referer's origin.
  const referer = request.headers.referer;
  if (typeof referer === 'string') {
    try {
      return new URL(referer).origin;
    } catch {
      return 'invalid:';
    }
  }
  // "null" comes from sandboxed frames and file: pages: never our own.
  return origin === 'null' ? 'null' : undefined;
}

function isOwnOrigin(request: FastifyRequest, origin: string): boolean {
  const settings = request.server.authSettings;
  if (origin === settings.publicOrigin) return true;
  return settings.config.env !== 'production' && LOOPBACK_ORIGIN.test(origin);
}

function csrfFailed(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    request,
    reply,
    403,
    'csrf_failed',
    'This request did not come from a Puncta page. Reload the page and try again.',
  );
}
