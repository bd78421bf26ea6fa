// For handlers behind a signed-in policy: the principal, narrowed to a user.
// The route's policy has already turned anonymous callers away; this only
// tells TypeScript so, and fails closed if a policy was set too loosely.
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../../domain/errors.ts';
import type { UserPrincipal } from './principal.ts';

export function requireUser(request: FastifyRequest): UserPrincipal {
  const principal = request.principal;
  if (principal.kind !== 'user') throw new UnauthorizedError('unauthorized', 'Sign in to continue.');
  return principal;
}
