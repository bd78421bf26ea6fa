// Resolves request.principal before any route runs: from `Authorization: Bearer
// pnc_…` (an API token) when present, otherwise from the session cookie. The
// role is read from the membership or patient record on every request, so a
// role change or deactivation applies to the very next request.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../platform/config.ts';
import { sha256Hex } from '../../platform/secrets.ts';
import { findActiveSession, touchSession } from '../../db/repositories/sessions.ts';
import { findActiveApiToken, touchApiToken } from '../../db/repositories/api-tokens.ts';
import type { Db } from '../../db/database.ts';
import { ANONYMOUS, type Principal, type Role } from './principal.ts';
import { readSessionCookie } from './session-cookie.ts';

export interface AuthSession {
  idHash: string;
  csrfToken: string;
}

export interface AuthSettings {
  config: Config;
  /** The origin state-changing browser requests must come from (PUBLIC_URL's). */
  publicOrigin: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** The session behind a cookie-authenticated request, for CSRF and sign-out. */
    authSession: AuthSession | null;
  }
  interface FastifyInstance {
    authSettings: AuthSettings;
  }
}

export const API_TOKEN_PREFIX = 'pnc_';

/** Paths that never need a principal: health checks and built assets. */
const SKIPPED_PREFIXES = ['/healthz', '/readyz', '/metrics', '/assets/', '/static/', '/app/assets/'];

async function authPlugin(app: FastifyInstance, { config }: { config: Config }): Promise<void> {
  app.decorate('authSettings', { config, publicOrigin: new URL(config.http.publicUrl).origin });
  // Set for every request by the hook below; null only before it runs.
  app.decorateRequest<Principal | null>('principal', null);
  app.decorateRequest('authSession', null);

  app.addHook('onRequest', async (request) => {
    request.principal = ANONYMOUS;
    request.authSession = null;
    if (SKIPPED_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return;
    const db = app.services.database.db;
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      request.principal = await principalFromApiToken(db, bearer);
      return;
    }
    const cookie = readSessionCookie(request);
    if (cookie !== undefined) await resolveSession(db, request, cookie);
  });
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  // A malformed Authorization header still means "not the cookie": resolve to anonymous.
  return match?.[1] ?? '';
}

function roleIn(row: { staffRole: Role | null; patientId: string | null }): Role | null {
  return row.staffRole ?? (row.patientId === null ? null : 'patient');
}

async function principalFromApiToken(db: Db, token: string): Promise<Principal> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return ANONYMOUS;
  const row = await findActiveApiToken(db, sha256Hex(token));
  const role = row === undefined ? null : roleIn(row);
  if (row === undefined || role === null) return ANONYMOUS;
  if (row.needsTouch) await touchApiToken(db, row.id);
  return {
    kind: 'user',
    userId: row.userId,
    clinicId: row.clinicId,
    role,
    patientId: role === 'patient' ? row.patientId : null,
    via: 'api_token',
    sessionIdHash: null,
    apiTokenId: row.id,
    scopes: row.scopes,
    // Tokens are made from an MFA-complete session; they stand for it.
    mfaVerified: true,
  };
}

async function resolveSession(db: Db, request: FastifyRequest, token: string): Promise<void> {
  const idHash = sha256Hex(token);
  const row = await findActiveSession(db, idHash);
  const role = row === undefined ? null : roleIn(row);
  if (row === undefined || role === null) return;
  if (row.needsTouch) await touchSession(db, idHash);
  request.authSession = { idHash, csrfToken: row.csrfToken };
  request.principal = {
    kind: 'user',
    userId: row.userId,
    clinicId: row.clinicId,
    role,
    patientId: role === 'patient' ? row.patientId : null,
    via: 'session',
    sessionIdHash: idHash,
    apiTokenId: null,
    scopes: null,
    mfaVerified: row.mfaVerified,
  };
}

export default fp(authPlugin, { name: 'auth', dependencies: ['services'] });
