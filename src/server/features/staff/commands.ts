// What a clinic admin does to the clinic's staff. Each command runs in one
// transaction with its audit row, so a change and its record commit together.
// The clinic is always the acting admin's (from the principal), never the request's.
import { ConflictError } from '../../../domain/errors.ts';
import type { Db } from '../../../db/database.ts';
import { recordAuditEvent, type AuditActor } from '../../../db/repositories/audit.ts';
import {
  deactivateMembership,
  findClinicName,
  findOrCreateInvitedUser,
  findStaffMember,
  lockActiveAdmins,
  retireStaffInvitations,
  revokeApiTokensInClinic,
  updateStaffRole,
  type StaffMember,
  type StaffRole,
} from '../../../db/repositories/staff.ts';
import { revokeUserSessions } from '../../../db/repositories/sessions.ts';
import type { Mailer } from '../../../mail/mailer.ts';
import type { Config } from '../../../platform/config.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import { issueStaffInvitation } from '../auth/account.ts';

/** Who acts: an admin in their current clinic, with the request's audit details. */
export interface AdminContext {
  clinicId: string;
  actor: AuditActor;
}

const lastAdmin = () =>
  new ConflictError(
    'last_admin',
    'This is the last active clinic admin. Make someone else an admin first, so the clinic is never without one.',
  );

/**
 * Someone who is not on this clinic's staff answers 404 like an unknown id, and
 * the attempt is audited. Called after the command's transaction, which has
 * rolled back or changed nothing: the denial must be recorded either way.
 */
async function denyStaffMember(db: Db, context: AdminContext, userId: string): Promise<never> {
  return denyAsNotFound(db, context.actor, {
    what: 'The staff member',
    resourceType: 'staff_member',
    resourceId: userId,
  });
}

export interface StaffInvitation {
  email: string;
  displayName: string;
  role: StaffRole;
}

/**
 * Invites someone by email. A new address gets an account without a password;
 * the token and its email come from the identity feature (issueStaffInvitation),
 * which also owns accepting it. The membership is created on acceptance.
 */
export async function inviteStaffMember(
  db: Db,
  services: { mailer: Mailer; config: Config },
  context: AdminContext,
  invitation: StaffInvitation,
): Promise<void> {
  const messageId = await db.transaction(async (tx) => {
    const clinicName = (await findClinicName(tx, context.clinicId)) ?? 'Your clinic';
    const userId = await findOrCreateInvitedUser(tx, invitation.email, invitation.displayName);
    const existing = await findStaffMember(tx, context.clinicId, userId);
    if (existing !== undefined && existing.deactivatedAt === null) {
      throw new ConflictError('already_staff', 'This person already works in this clinic.');
    }
    await retireStaffInvitations(tx, context.clinicId, userId);
    // The outbox row is written in this transaction: the email exists exactly when the invitation does.
    const { messageId: id } = await issueStaffInvitation(tx, services, {
      userId,
      email: invitation.email,
      clinicId: context.clinicId,
      clinicName,
      role: invitation.role,
    });
    await recordAuditEvent(tx, context.actor, {
      action: 'staff_invited',
      outcome: 'allowed',
      resourceType: 'staff_member',
      resourceId: userId,
    });
    return id;
  });
  await services.mailer.requestDelivery(messageId);
}

export async function changeStaffRole(
  db: Db,
  context: AdminContext,
  userId: string,
  role: StaffRole,
): Promise<StaffMember> {
  const changed = await db.transaction(async (tx) => {
    // Lock first, then read: the member's role is read after any concurrent change commits.
    const admins = await lockActiveAdmins(tx, context.clinicId);
    const member = await findStaffMember(tx, context.clinicId, userId);
    if (member === undefined) return undefined;
    if (role !== 'clinic_admin' && admins.length === 1 && admins[0] === userId) throw lastAdmin();
    await updateStaffRole(tx, context.clinicId, userId, role);
    await recordAuditEvent(tx, context.actor, {
      action: 'role_changed',
      outcome: 'allowed',
      resourceType: 'staff_member',
      resourceId: userId,
    });
    return { ...member, role };
  });
  return changed ?? denyStaffMember(db, context, userId);
}

/** Ends the person's work in this clinic: membership deactivated, sessions and API tokens here revoked. */
export async function deactivateStaffMember(db: Db, context: AdminContext, userId: string): Promise<StaffMember> {
  const deactivated = await db.transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx, context.clinicId);
    if ((await findStaffMember(tx, context.clinicId, userId)) === undefined) return undefined;
    if (admins.length === 1 && admins[0] === userId) throw lastAdmin();
    await deactivateMembership(tx, context.clinicId, userId);
    await revokeUserSessions(tx, userId, { clinicId: context.clinicId });
    await revokeApiTokensInClinic(tx, context.clinicId, userId);
    await recordAuditEvent(tx, context.actor, {
      action: 'staff_deactivated',
      outcome: 'allowed',
      resourceType: 'staff_member',
      resourceId: userId,
    });
    return findStaffMember(tx, context.clinicId, userId);
  });
  return deactivated ?? denyStaffMember(db, context, userId);
}

/** Signs the person out of this clinic everywhere; they may sign in again. */
export async function revokeStaffSessions(db: Db, context: AdminContext, userId: string): Promise<void> {
  const revoked = await db.transaction(async (tx) => {
    if ((await findStaffMember(tx, context.clinicId, userId)) === undefined) return false;
    await revokeUserSessions(tx, userId, { clinicId: context.clinicId });
    await recordAuditEvent(tx, context.actor, {
      action: 'session_revoked',
      outcome: 'allowed',
      resourceType: 'staff_member',
      resourceId: userId,
    });
    return true;
  });
  if (!revoked) await denyStaffMember(db, context, userId);
}
