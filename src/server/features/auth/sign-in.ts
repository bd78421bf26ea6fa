// Signing in: with a password, and the common ending every way of signing in
// shares (email link, verification, invitation): pick the clinic, apply the
// MFA rule, start a brand-new session, and record it.
import { ForbiddenError, UnauthorizedError } from '../../../domain/errors.ts';
import type { Db } from '../../../db/database.ts';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import { clearBucket, forgiveHit } from '../../../db/repositories/rate-limits.ts';
import { revokeSession } from '../../../db/repositories/sessions.ts';
import { findUserByEmail, listClinicRoles, type ClinicRole, type UserAccount } from '../../../db/repositories/users.ts';
import { hashPassword, verifyPassword } from '../../../platform/password.ts';
import { startSession, type StartedSession } from '../../auth/sessions.ts';
import { actorFor, inTransaction, type AuthContext } from './context.ts';
import { hasSecondFactor, mfaRequirement, verifySecondFactor, type MfaRequirement, type SecondFactor } from './mfa.ts';
import { rules, throttle } from './throttle.ts';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
}

export function presentUser(user: Pick<UserAccount, 'id' | 'email' | 'displayName' | 'emailVerifiedAt'>): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    emailVerified: user.emailVerifiedAt !== null,
  };
}

export type SignInResult =
  | { kind: 'signed_in'; session: StartedSession; user: UserView }
  /** Password was right, but this staff member must set up an authenticator first: a session that can only do that. */
  | { kind: 'enrolment_required'; session: StartedSession };

export interface PasswordSignIn extends SecondFactor {
  email: string;
  password: string;
  /** The session hash of a cookie the browser already had: it ends, whoever it belonged to. */
  previousSessionIdHash: string | null;
}

let dummyHash: Promise<string> | undefined;

/** A real argon2id hash to verify against when there is no account, so both answers take as long. */
function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('no account has this password; it only spends the same time');
  return dummyHash;
}

export function invalidCredentials(): UnauthorizedError {
  return new UnauthorizedError('invalid_credentials', 'The email or password is not right.');
}

export async function signInWithPassword(context: AuthContext, input: PasswordSignIn): Promise<SignInResult> {
  const db = context.database.db;
  const accountBucket = rules.loginAccount(context, input.email);
  const ipBucket = rules.loginIp(context);
  await throttle(context, [accountBucket, ipBucket]);

  const user = await findUserByEmail(db, input.email);
  const passwordHash = user?.passwordHash ?? (await timingDummyHash());
  const passwordRight = await verifyPassword(passwordHash, input.password);
  const usable = user !== undefined && user.passwordHash !== null && user.disabledAt === null && passwordRight;
  // Read only after the password check, so a wrong password costs the same with or without an account.
  const roles = usable ? await listClinicRoles(db, user.id) : [];
  if (!usable || roles.length === 0) {
    // A disabled or clinic-less account answers exactly like a wrong password.
    await recordAuditEvent(
      db,
      { ...context.actor, userId: user?.id ?? null },
      { action: 'login_failed', outcome: 'failed' },
    );
    throw invalidCredentials();
  }
  if (user.emailVerifiedAt === null) {
    throw new ForbiddenError('email_not_verified', 'Confirm your email address first: open the link we sent you.');
  }
  const prepared = await prepareSignIn(context, user, input);
  const result = await inTransaction(context, (tx) => beginSession(tx, context, prepared, input.previousSessionIdHash));
  // Only a complete success forgives: otherwise a known password would allow unlimited code guesses.
  await clearBucket(db, accountBucket.key);
  await forgiveHit(db, ipBucket.key);
  return result;
}

export interface PreparedSignIn {
  user: UserAccount;
  home: ClinicRole;
  requirement: MfaRequirement;
}

/**
 * Everything after the person has proven who they are by a first factor, up to
 * the session: picks the clinic and applies the MFA rule. Throws mfa_required
 * (no code given) or invalid_mfa_code. Runs outside any transaction (PGlite has
 * one connection: a query beside an open transaction would wait forever).
 */
export async function prepareSignIn(
  context: AuthContext,
  user: UserAccount,
  factor: SecondFactor,
  /** Where to land when the person may act there (an invitation's clinic); else their first clinic. */
  preferredClinicId?: string,
): Promise<PreparedSignIn> {
  const roles = await listClinicRoles(context.database.db, user.id);
  const home = roles.find((role) => role.clinicId === preferredClinicId) ?? roles[0];
  if (home === undefined) throw invalidCredentials();
  const requirement = await mfaRequirement(context, user, roles);
  if (requirement === 'code') await requireSecondFactor(context, user.id, home, factor);
  return { user, home, requirement };
}

/**
 * Starts the new session (ending the one the browser had, if any) and records
 * the sign-in, in the caller's transaction. With enrolment still required the
 * session can only set up the authenticator, and nothing is recorded yet.
 */
export async function beginSession(
  tx: Db,
  context: AuthContext,
  prepared: PreparedSignIn,
  previousSessionIdHash: string | null,
): Promise<SignInResult> {
  const { user, home, requirement } = prepared;
  if (previousSessionIdHash !== null) await revokeSession(tx, previousSessionIdHash);
  const session = await startSession(tx, context.config, {
    userId: user.id,
    clinicId: home.clinicId,
    role: home.role,
    mfaVerified: requirement !== 'enrolment',
    ip: context.ip,
    userAgent: context.userAgent,
  });
  if (requirement === 'enrolment') return { kind: 'enrolment_required', session };
  await recordAuditEvent(tx, actorFor(context, { userId: user.id, role: home.role, clinicId: home.clinicId }), {
    action: 'login',
    outcome: 'allowed',
  });
  return { kind: 'signed_in', session, user: presentUser(user) };
}

/** Throws unless a valid, unused code came with the request; a wrong one is audited. */
export async function requireSecondFactor(
  context: AuthContext,
  userId: string,
  home: { role: string; clinicId: string },
  factor: SecondFactor,
): Promise<void> {
  if (!hasSecondFactor(factor)) {
    throw new UnauthorizedError('mfa_required', 'Enter the 6-digit code from your authenticator app.');
  }
  if (await verifySecondFactor(context.database.db, context.config, userId, factor)) return;
  await recordAuditEvent(context.database.db, actorFor(context, { userId, role: home.role, clinicId: home.clinicId }), {
    action: 'mfa_failed',
    outcome: 'failed',
  });
  throw new UnauthorizedError('invalid_mfa_code', 'That code is not right. Enter the current code from your app.');
}
