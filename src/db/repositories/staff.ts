// A clinic's staff: memberships, their roles, invitations and the sessions an
// admin can end. Every function is scoped to one clinic.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { apiTokens, authTokens, clinicMemberships, clinics, totpCredentials, users } from '../schema.ts';

export type StaffRole = (typeof clinicMemberships.role.enumValues)[number];

export interface StaffMember {
  userId: string;
  displayName: string;
  email: string;
  role: StaffRole;
  title: string | null;
  deactivatedAt: Date | null;
  mfaEnrolled: boolean;
}

const staffColumns = {
  userId: users.id,
  displayName: users.displayName,
  email: users.email,
  role: clinicMemberships.role,
  title: clinicMemberships.title,
  deactivatedAt: clinicMemberships.deactivatedAt,
  // Enrolment counts once the first code was confirmed, not when a QR code was shown.
  mfaEnrolled: sql<boolean>`${totpCredentials.confirmedAt} is not null`,
};

function staffQuery(db: Db) {
  return db
    .select(staffColumns)
    .from(clinicMemberships)
    .innerJoin(users, eq(users.id, clinicMemberships.userId))
    .leftJoin(totpCredentials, eq(totpCredentials.userId, clinicMemberships.userId));
}

/** Everyone who works or worked in the clinic, deactivated people included. */
export async function listStaff(db: Db, clinicId: string): Promise<StaffMember[]> {
  return staffQuery(db).where(eq(clinicMemberships.clinicId, clinicId)).orderBy(asc(users.displayName), asc(users.id));
}

export async function findStaffMember(db: Db, clinicId: string, userId: string): Promise<StaffMember | undefined> {
  const [row] = await staffQuery(db).where(
    and(eq(clinicMemberships.clinicId, clinicId), eq(clinicMemberships.userId, userId)),
  );
  return row;
}

/**
 * The clinic's active admins, locked until the transaction ends. Two admins
 * demoting each other at the same moment would otherwise both see "there is
 * another admin" and leave the clinic with none: the second waits here, then
 * sees the first one's change.
 */
export async function lockActiveAdmins(db: Db, clinicId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: clinicMemberships.userId })
    .from(clinicMemberships)
    .where(
      and(
        eq(clinicMemberships.clinicId, clinicId),
        eq(clinicMemberships.role, 'clinic_admin'),
        isNull(clinicMemberships.deactivatedAt),
      ),
    )
    .for('update');
  return rows.map((row) => row.userId);
}

export async function updateStaffRole(db: Db, clinicId: string, userId: string, role: StaffRole): Promise<void> {
  await db
    .update(clinicMemberships)
    .set({ role })
    .where(and(eq(clinicMemberships.clinicId, clinicId), eq(clinicMemberships.userId, userId)));
}

/** Marks the membership deactivated; a second call keeps the first date. */
export async function deactivateMembership(db: Db, clinicId: string, userId: string): Promise<void> {
  await db
    .update(clinicMemberships)
    .set({ deactivatedAt: sql`coalesce(${clinicMemberships.deactivatedAt}, now())` })
    .where(and(eq(clinicMemberships.clinicId, clinicId), eq(clinicMemberships.userId, userId)));
}

/** API tokens act in one clinic; a person who leaves it keeps none that work there. */
export async function revokeApiTokensInClinic(db: Db, clinicId: string, userId: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.clinicId, clinicId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

export async function findClinicName(db: Db, clinicId: string): Promise<string | undefined> {
  const [row] = await db.select({ name: clinics.name }).from(clinics).where(eq(clinics.id, clinicId));
  return row?.name;
}

/**
 * The account an invitation is for. A new address gets a user without a
 * password (and not yet verified): accepting the invitation sets both.
 */
export async function findOrCreateInvitedUser(db: Db, email: string, displayName: string): Promise<string> {
  const [inserted] = await db
    .insert(users)
    .values({ email, displayName })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (inserted !== undefined) return inserted.id;
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  if (existing === undefined) throw new Error('invited user vanished between insert and select');
  return existing.id;
}

/**
 * Retires the person's unused invitations to this clinic, so that only the
 * newest link works (their invitations elsewhere stay).
 */
export async function retireStaffInvitations(db: Db, clinicId: string, userId: string): Promise<void> {
  await db
    .update(authTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(authTokens.purpose, 'staff_invite'),
        eq(authTokens.clinicId, clinicId),
        eq(authTokens.userId, userId),
        isNull(authTokens.usedAt),
      ),
    );
}
