// People who can sign in, and where they may act: staff memberships and
// patient records, one role per clinic.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { clinicMemberships, clinics, organizations, patients, users, type staffRole } from '../schema.ts';

export type StaffRoleName = (typeof staffRole.enumValues)[number];

export interface UserAccount {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  emailVerifiedAt: Date | null;
  disabledAt: Date | null;
}

const accountColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  passwordHash: users.passwordHash,
  emailVerifiedAt: users.emailVerifiedAt,
  disabledAt: users.disabledAt,
};

export async function findUserByEmail(db: Db, email: string): Promise<UserAccount | undefined> {
  const [row] = await db
    .select(accountColumns)
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserAccount | undefined> {
  const [row] = await db.select(accountColumns).from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Creates the account; undefined when the email is taken (the unique index decides, so races are safe). */
export async function insertUser(
  db: Db,
  user: { email: string; displayName: string; passwordHash: string | null },
): Promise<string | undefined> {
  const [row] = await db.insert(users).values(user).onConflictDoNothing().returning({ id: users.id });
  return row?.id;
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function setDisplayName(db: Db, userId: string, displayName: string): Promise<void> {
  await db.update(users).set({ displayName }).where(eq(users.id, userId));
}

export async function markEmailVerified(db: Db, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ emailVerifiedAt: sql`now()` })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
}

export interface ClinicRole {
  clinicId: string;
  clinicName: string;
  timeZone: string;
  role: StaffRoleName | 'patient';
  /** The patient record, when role is patient. */
  patientId: string | null;
}

/**
 * Every clinic where the user may act now: active staff memberships first
 * (oldest first), then patient records. A person who is both staff and a
 * patient of one clinic acts there as staff.
 */
export async function listClinicRoles(db: Db, userId: string): Promise<ClinicRole[]> {
  const staff = await db
    .select({
      clinicId: clinics.id,
      clinicName: clinics.name,
      timeZone: clinics.timeZone,
      role: clinicMemberships.role,
    })
    .from(clinicMemberships)
    .innerJoin(clinics, eq(clinics.id, clinicMemberships.clinicId))
    .where(and(eq(clinicMemberships.userId, userId), isNull(clinicMemberships.deactivatedAt)))
    .orderBy(asc(clinicMemberships.createdAt), asc(clinics.id));
  const patientOf = await db
    .select({ clinicId: clinics.id, clinicName: clinics.name, timeZone: clinics.timeZone, patientId: patients.id })
    .from(patients)
    .innerJoin(clinics, eq(clinics.id, patients.clinicId))
    .where(eq(patients.userId, userId))
    .orderBy(asc(patients.createdAt), asc(clinics.id));
  const staffClinics = new Set(staff.map((row) => row.clinicId));
  return [
    ...staff.map((row) => ({ ...row, patientId: null })),
    ...patientOf.filter((row) => !staffClinics.has(row.clinicId)).map((row) => ({ ...row, role: 'patient' as const })),
  ];
}

export async function insertPatientForUser(
  db: Db,
  patient: { clinicId: string; userId: string; givenName: string; familyName: string; email: string },
): Promise<void> {
  await db.insert(patients).values(patient).onConflictDoNothing();
}

/** Adds the membership an invitation promised; an existing one (even deactivated) is left as the admin set it. */
export async function insertMembership(
  db: Db,
  membership: { clinicId: string; userId: string; role: StaffRoleName },
): Promise<void> {
  await db.insert(clinicMemberships).values(membership).onConflictDoNothing();
}

/** The clinic's organization and clinic slugs when exactly one clinic exists, else undefined. */
export async function findSoleClinic(db: Db): Promise<{ organizationSlug: string; clinicSlug: string } | undefined> {
  const rows = await db
    .select({ organizationSlug: organizations.slug, clinicSlug: clinics.slug })
    .from(clinics)
    .innerJoin(organizations, eq(organizations.id, clinics.organizationId))
    .limit(2);
  return rows.length === 1 ? rows[0] : undefined;
}
