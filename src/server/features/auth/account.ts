// Accounts: sign-up, email verification, password reset, sign-in links,
// password change and staff invitations. Requests that send email answer the
// same whether or not the address has an account.
import { ConflictError, InvalidInputError } from '../../../domain/errors.ts';
import type { Db } from '../../../db/database.ts';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import {
  consumeAuthToken,
  findUsableAuthToken,
  insertAuthToken,
  retireAuthTokens,
  type AuthTokenPurpose,
  type UsableAuthToken,
} from '../../../db/repositories/auth-tokens.ts';
import { findPublicClinic } from '../../../db/repositories/clinics.ts';
import { clearBucket } from '../../../db/repositories/rate-limits.ts';
import { revokeUserSessions } from '../../../db/repositories/sessions.ts';
import {
  findUserByEmail,
  findUserById,
  insertMembership,
  insertPatientForUser,
  insertUser,
  markEmailVerified,
  setDisplayName,
  setPasswordHash,
  type StaffRoleName,
  type UserAccount,
} from '../../../db/repositories/users.ts';
import type { Mailer } from '../../../mail/mailer.ts';
import type { Config } from '../../../platform/config.ts';
import { hashPassword, verifyPassword } from '../../../platform/password.ts';
import { randomToken, sha256Hex } from '../../../platform/secrets.ts';
import { newPasswordSchema } from '../../auth/password-policy.ts';
import type { UserPrincipal } from '../../auth/principal.ts';
import { actorFor, inTransaction, type AuthContext } from './context.ts';
import {
  alreadyRegisteredEmail,
  invitationEmail,
  linkTo,
  passwordResetEmail,
  signInLinkEmail,
  verificationEmail,
  type LinkPage,
} from './emails.ts';
import type { SecondFactor } from './mfa.ts';
import { beginSession, invalidCredentials, prepareSignIn, type SignInResult } from './sign-in.ts';
import { rules, throttle } from './throttle.ts';

const MINUTE = 60;
export const TOKEN_LIFETIME_SECONDS: Record<AuthTokenPurpose, number> = {
  email_verification: 48 * 60 * MINUTE,
  password_reset: 30 * MINUTE,
  sign_in_link: 15 * MINUTE,
  staff_invite: 7 * 24 * 60 * MINUTE,
};

const PAGE_FOR: Record<AuthTokenPurpose, LinkPage> = {
  email_verification: 'verify-email',
  password_reset: 'reset-password',
  sign_in_link: 'sign-in-link',
  staff_invite: 'accept-invitation',
};

function invalidToken(): InvalidInputError {
  return new InvalidInputError('invalid_token', 'This link has expired or was already used. Ask for a new one.');
}

/** Creates a single-use token and returns the link to its page; only the hash is stored. */
async function issueLink(
  tx: Db,
  config: Config,
  purpose: AuthTokenPurpose,
  token: { userId: string; clinicId: string | null; payload?: Record<string, string> },
): Promise<string> {
  const secret = randomToken();
  await insertAuthToken(tx, {
    tokenHash: sha256Hex(secret),
    purpose,
    userId: token.userId,
    clinicId: token.clinicId,
    ttlSeconds: TOKEN_LIFETIME_SECONDS[purpose],
    ...(token.payload === undefined ? {} : { payload: token.payload }),
  });
  return linkTo(config, PAGE_FOR[purpose], secret);
}

/** Runs a transaction that writes emails, then asks for their delivery once committed. */
async function withMail(
  context: AuthContext,
  work: (tx: Db, send: (to: string, message: { subject: string; text: string }) => Promise<void>) => Promise<void>,
): Promise<void> {
  const ids: string[] = [];
  await inTransaction(context, (tx) =>
    work(tx, async (to, message) => {
      const { id } = await context.mailer.enqueue(tx, { to, ...message });
      ids.push(id);
    }),
  );
  for (const id of ids) await context.mailer.requestDelivery(id);
}

export interface SignUp {
  email: string;
  password: string;
  displayName: string;
}

/**
 * Creates a patient account in the public clinic and emails a verification
 * link. For an address that has an account, the owner gets an email instead
 * (a fresh verification link if they never verified) and the caller gets the
 * same answer as for a new account.
 */
export async function signUp(context: AuthContext, input: SignUp): Promise<void> {
  await throttle(context, [rules.mailAccount(context, 'signup', input.email), rules.mailIp(context, 'signup')]);
  // Hashed whether or not the account is new, so both answers take as long.
  const passwordHash = await hashPassword(input.password);
  const clinic = await findPublicClinic(context.database.db);
  if (clinic === undefined) throw new ConflictError('signup_unavailable', 'This clinic does not take sign-ups yet.');
  await withMail(context, async (tx, send) => {
    const userId = await insertUser(tx, { email: input.email, displayName: input.displayName, passwordHash });
    if (userId !== undefined) {
      const { givenName, familyName } = splitName(input.displayName);
      await insertPatientForUser(tx, { clinicId: clinic.id, userId, givenName, familyName, email: input.email });
      const link = await issueLink(tx, context.config, 'email_verification', { userId, clinicId: clinic.id });
      await send(input.email, verificationEmail(link));
      return;
    }
    const existing = await findUserByEmail(tx, input.email);
    if (existing === undefined || existing.disabledAt !== null) return;
    if (existing.emailVerifiedAt === null) {
      await retireAuthTokens(tx, existing.id, 'email_verification');
      const link = await issueLink(tx, context.config, 'email_verification', { userId: existing.id, clinicId: null });
      await send(existing.email, verificationEmail(link));
    } else {
      await send(existing.email, alreadyRegisteredEmail(context.config));
    }
  });
}

/** "Sam Patel" → Sam / Patel; a single word is the given name. */
function splitName(displayName: string): { givenName: string; familyName: string } {
  const words = displayName.trim().split(/\s+/);
  if (words.length === 1) return { givenName: words[0]!, familyName: '' };
  return { givenName: words.slice(0, -1).join(' '), familyName: words.at(-1)! };
}

/** Looks up a link's user without using the link up (a second factor may be asked first). */
async function userOfLink(
  context: AuthContext,
  token: string,
  purpose: AuthTokenPurpose,
): Promise<{ link: UsableAuthToken; user: UserAccount }> {
  const link = await findUsableAuthToken(context.database.db, sha256Hex(token), purpose);
  const user = link === undefined ? undefined : await findUserById(context.database.db, link.userId);
  if (link === undefined || user === undefined || user.disabledAt !== null) throw invalidToken();
  return { link, user };
}

async function consume(tx: Db, token: string, purpose: AuthTokenPurpose): Promise<UsableAuthToken> {
  const used = await consumeAuthToken(tx, sha256Hex(token), purpose);
  if (used === undefined) throw invalidToken();
  return used;
}

/** Confirms the address and signs the person in. */
export async function verifyEmail(
  context: AuthContext,
  token: string,
  previousSessionIdHash: string | null,
): Promise<SignInResult> {
  const { user } = await userOfLink(context, token, 'email_verification');
  const prepared = await prepareSignIn(context, { ...user, emailVerifiedAt: user.emailVerifiedAt ?? new Date() }, {});
  return inTransaction(context, async (tx) => {
    await consume(tx, token, 'email_verification');
    await markEmailVerified(tx, user.id);
    return beginSession(tx, context, prepared, previousSessionIdHash);
  });
}

type LinkRequestPurpose = 'password_reset' | 'sign_in_link';

/** Emails a reset or sign-in link when the address has a usable account; always answers the same. */
export async function requestLink(context: AuthContext, purpose: LinkRequestPurpose, email: string): Promise<void> {
  await throttle(context, [rules.mailAccount(context, purpose, email), rules.mailIp(context, purpose)]);
  const user = await findUserByEmail(context.database.db, email);
  if (user === undefined || user.disabledAt !== null) return;
  await withMail(context, async (tx, send) => {
    // Only the newest link works: an older email lying around is worth nothing.
    await retireAuthTokens(tx, user.id, purpose);
    const link = await issueLink(tx, context.config, purpose, { userId: user.id, clinicId: null });
    await send(user.email, purpose === 'password_reset' ? passwordResetEmail(link) : signInLinkEmail(link));
  });
}

/** Sets the new password and ends every session of the account. */
export async function completePasswordReset(context: AuthContext, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const user = await inTransaction(context, async (tx) => {
    const used = await consume(tx, token, 'password_reset');
    const account = await findUserById(tx, used.userId);
    if (account === undefined || account.disabledAt !== null) throw invalidToken();
    await setPasswordHash(tx, used.userId, passwordHash);
    // Following the emailed link proves the address.
    await markEmailVerified(tx, used.userId);
    await revokeUserSessions(tx, used.userId);
    await recordAuditEvent(tx, actorFor(context, { userId: used.userId, role: null, clinicId: null }), {
      action: 'password_reset',
      outcome: 'allowed',
      resourceType: 'user',
      resourceId: used.userId,
    });
    return account;
  });
  // A locked-out owner who proved their mailbox may try again at once.
  await clearBucket(context.database.db, rules.loginAccount(context, user.email).key);
}

export async function completeSignInLink(
  context: AuthContext,
  input: SecondFactor & { token: string },
  previousSessionIdHash: string | null,
): Promise<SignInResult> {
  const { user } = await userOfLink(context, input.token, 'sign_in_link');
  const prepared = await prepareSignIn(
    context,
    { ...user, emailVerifiedAt: user.emailVerifiedAt ?? new Date() },
    input,
  );
  return inTransaction(context, async (tx) => {
    await consume(tx, input.token, 'sign_in_link');
    await markEmailVerified(tx, user.id);
    return beginSession(tx, context, prepared, previousSessionIdHash);
  });
}

/** Changes the password after checking the current one; every other session ends. */
export async function changePassword(
  context: AuthContext,
  principal: UserPrincipal,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUserById(context.database.db, principal.userId);
  if (user === undefined) throw invalidCredentials();
  // Counted like sign-in attempts: a borrowed, unlocked browser must not become a password oracle.
  await throttle(context, [rules.loginAccount(context, user.email)]);
  if (user.passwordHash === null || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new InvalidInputError('invalid_current_password', 'Your current password is not right.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(context, async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    await revokeUserSessions(
      tx,
      user.id,
      principal.sessionIdHash === null ? {} : { exceptIdHash: principal.sessionIdHash },
    );
    await recordAuditEvent(tx, context.actor, {
      action: 'password_changed',
      outcome: 'allowed',
      resourceType: 'user',
      resourceId: user.id,
    });
  });
}

export interface StaffInvitation {
  /** The invited person's account (created by the caller if new, without a password). */
  userId: string;
  email: string;
  clinicId: string;
  clinicName: string;
  role: StaffRoleName;
}

/**
 * For staff management: writes the invitation token and its email in the
 * caller's transaction. The membership is created when the invitation is
 * accepted. Call mailer.requestDelivery(messageId) after commit.
 */
export async function issueStaffInvitation(
  tx: Db,
  services: { mailer: Mailer; config: Config },
  invitation: StaffInvitation,
): Promise<{ messageId: string }> {
  const link = await issueLink(tx, services.config, 'staff_invite', {
    userId: invitation.userId,
    clinicId: invitation.clinicId,
    payload: { role: invitation.role },
  });
  const { id } = await services.mailer.enqueue(tx, {
    clinicId: invitation.clinicId,
    to: invitation.email,
    ...invitationEmail(link, invitation.clinicName),
  });
  return { messageId: id };
}

const STAFF_ROLE_NAMES: readonly string[] = ['front_desk', 'practitioner', 'clinic_admin'];

/**
 * Accepts an invitation: a new account sets its password and name; an
 * existing account proves itself with its current password. The person
 * joins the clinic in the invited role and is signed in.
 */
export async function acceptInvitation(
  context: AuthContext,
  input: { token: string; password: string; displayName: string },
  previousSessionIdHash: string | null,
): Promise<SignInResult> {
  const { user, link } = await userOfLink(context, input.token, 'staff_invite');
  const role = link.payload.role;
  if (link.clinicId === null || role === undefined || !STAFF_ROLE_NAMES.includes(role)) throw invalidToken();
  const existingAccount = user.passwordHash !== null;
  let newHash: string | undefined;
  if (existingAccount) {
    if (!(await verifyPassword(user.passwordHash!, input.password))) throw invalidCredentials();
  } else {
    const checked = newPasswordSchema.safeParse(input.password);
    if (!checked.success) {
      throw new InvalidInputError('weak_password', checked.error.issues[0]?.message ?? 'Choose a stronger password.');
    }
    newHash = await hashPassword(input.password);
  }
  const clinicId = link.clinicId;
  await inTransaction(context, async (tx) => {
    await consume(tx, input.token, 'staff_invite');
    if (newHash !== undefined) {
      await setPasswordHash(tx, user.id, newHash);
      await setDisplayName(tx, user.id, input.displayName);
    }
    await markEmailVerified(tx, user.id);
    await insertMembership(tx, { clinicId, userId: user.id, role: role as StaffRoleName });
    // New privileges: sessions begun as a patient must not carry them.
    await revokeUserSessions(tx, user.id);
    await recordAuditEvent(tx, actorFor(context, { userId: user.id, role, clinicId }), {
      action: 'invitation_accepted',
      outcome: 'allowed',
      resourceType: 'clinic_membership',
      resourceId: user.id,
    });
  });
  const account = await findUserById(context.database.db, user.id);
  if (account === undefined) throw invalidToken();
  const prepared = await prepareSignIn(context, account, {}, clinicId);
  return inTransaction(context, (tx) => beginSession(tx, context, prepared, previousSessionIdHash));
}
