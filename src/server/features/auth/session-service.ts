// The signed-in side of sessions: who am I, which clinic, which devices, and
// ending sessions.
import { NotFoundError, UnauthorizedError } from '../../../domain/errors.ts';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import {
  listActiveSessions,
  revokeSession,
  revokeUserSessions,
  type SessionListing,
} from '../../../db/repositories/sessions.ts';
import { findUserById, listClinicRoles } from '../../../db/repositories/users.ts';
import type { UserPrincipal } from '../../auth/principal.ts';
import { publicSessionId, startSession, type StartedSession } from '../../auth/sessions.ts';
import { inTransaction, type AuthContext } from './context.ts';
import { mfaRequirement } from './mfa.ts';
import { presentUser, type UserView } from './sign-in.ts';
import type { Role } from '../../auth/principal.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import { findTotpCredential } from '../../../db/repositories/totp.ts';

export interface SessionView {
  user: UserView;
  csrfToken: string;
  clinic: { id: string; name: string; timeZone: string };
  role: Role;
  memberships: { clinicId: string; clinicName: string; role: Role }[];
  mfaEnrolled: boolean;
  mfaPending: boolean;
}

export async function describeSession(
  context: AuthContext,
  principal: UserPrincipal,
  csrfToken: string,
): Promise<SessionView> {
  const db = context.database.db;
  const user = await findUserById(db, principal.userId);
  const roles = await listClinicRoles(db, principal.userId);
  const current = roles.find((role) => role.clinicId === principal.clinicId);
  if (user === undefined || current === undefined) {
    throw new UnauthorizedError('unauthorized', 'Sign in to continue.');
  }
  const credential = await findTotpCredential(db, principal.userId);
  return {
    mfaEnrolled: credential?.confirmed === true,
    mfaPending: !principal.mfaVerified,
    user: presentUser(user),
    csrfToken,
    clinic: { id: current.clinicId, name: current.clinicName, timeZone: current.timeZone },
    role: principal.role,
    memberships: roles.map((role) => ({ clinicId: role.clinicId, clinicName: role.clinicName, role: role.role })),
  };
}

/** Acts in another clinic of the person's, with a new session id (the privileges changed). */
export async function switchClinic(
  context: AuthContext,
  principal: UserPrincipal,
  clinicId: string,
): Promise<{ session: StartedSession; principal: UserPrincipal }> {
  const roles = await listClinicRoles(context.database.db, principal.userId);
  const target = roles.find((role) => role.clinicId === clinicId);
  if (target === undefined || principal.sessionIdHash === null) throw new NotFoundError('The clinic');
  if (principal.role === 'patient' && target.role !== 'patient') {
    // A patient session became staff-capable after it began: staff rules (MFA) apply from sign-in.
    const user = await findUserById(context.database.db, principal.userId);
    if (user === undefined || (await mfaRequirement(context, user, roles)) !== 'none') {
      throw new UnauthorizedError('mfa_required', 'Sign in again to work as staff.');
    }
  }
  const oldIdHash = principal.sessionIdHash;
  const session = await inTransaction(context, async (tx) => {
    await revokeSession(tx, oldIdHash);
    return startSession(tx, context.config, {
      userId: principal.userId,
      clinicId: target.clinicId,
      role: target.role,
      mfaVerified: principal.mfaVerified,
      ip: context.ip,
      userAgent: context.userAgent,
    });
  });
  return {
    session,
    principal: {
      ...principal,
      clinicId: target.clinicId,
      role: target.role,
      patientId: target.patientId,
      sessionIdHash: session.idHash,
    },
  };
}

export async function signOut(context: AuthContext, principal: UserPrincipal): Promise<void> {
  const idHash = principal.sessionIdHash;
  if (idHash === null) return;
  await inTransaction(context, async (tx) => {
    if (await revokeSession(tx, idHash)) {
      await recordAuditEvent(tx, context.actor, { action: 'logout', outcome: 'allowed' });
    }
  });
}

export async function signOutEverywhere(context: AuthContext, principal: UserPrincipal): Promise<void> {
  await inTransaction(context, async (tx) => {
    await revokeUserSessions(tx, principal.userId);
    await recordAuditEvent(tx, context.actor, {
      action: 'session_revoked',
      outcome: 'allowed',
      resourceType: 'user',
      resourceId: principal.userId,
    });
  });
}

export interface SessionEntry {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export async function listSessions(context: AuthContext, principal: UserPrincipal): Promise<SessionEntry[]> {
  const sessions = await listActiveSessions(context.database.db, principal.userId);
  return sessions.map((session: SessionListing) => ({
    id: publicSessionId(session.idHash),
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
    current: session.idHash === principal.sessionIdHash,
  }));
}

/** Ends one of the person's own sessions; returns whether it was the current one. */
export async function endOwnSession(context: AuthContext, principal: UserPrincipal, id: string): Promise<boolean> {
  const sessions = await listActiveSessions(context.database.db, principal.userId);
  const session = sessions.find((candidate) => publicSessionId(candidate.idHash) === id);
  if (session === undefined) {
    return denyAsNotFound(context.database.db, context.actor, {
      what: 'The session',
      resourceType: 'session',
      resourceId: id,
    });
  }
  await inTransaction(context, async (tx) => {
    await revokeSession(tx, session.idHash);
    await recordAuditEvent(tx, context.actor, {
      action: 'session_revoked',
      outcome: 'allowed',
      resourceType: 'session',
      resourceId: id,
    });
  });
  return session.idHash === principal.sessionIdHash;
}
