// Test data beyond the demo clinic: more clinics (in the demo organization and
// in another one), staff, patients and memberships. Each factory writes only
// what a test needs and returns the ids; every account gets TEST_DEMO_PASSWORD
// and a verified email, so loginAs works for it as for the demo users.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { clinicMemberships, clinics, organizations, patients, users } from '../../src/db/schema.ts';
import { DEMO_CLINIC_SLUG, DEMO_ORGANIZATION_SLUG } from '../../src/db/seed/demo-clinic.ts';
import { hashPassword } from '../../src/platform/password.ts';
import { TEST_DEMO_PASSWORD } from './app.ts';

type StaffRole = 'front_desk' | 'practitioner' | 'clinic_admin';

/** argon2 is slow on purpose; one hash serves every account a test file makes. */
let passwordHash: Promise<string> | undefined;
function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_DEMO_PASSWORD);
  return passwordHash;
}

function unique(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

export interface ClinicIds {
  organizationId: string;
  clinicId: string;
}

/** The seeded demo clinic and its organization. */
export async function demoClinic(database: Database): Promise<ClinicIds> {
  const [row] = await database.db
    .select({ clinicId: clinics.id, organizationId: organizations.id })
    .from(clinics)
    .innerJoin(organizations, eq(organizations.id, clinics.organizationId))
    .where(sql`${organizations.slug} = ${DEMO_ORGANIZATION_SLUG} and ${clinics.slug} = ${DEMO_CLINIC_SLUG}`);
  if (row === undefined) throw new Error('the demo clinic is not seeded');
  return row;
}

/** A clinic in the given organization, or in a new one of its own when none is given. */
export async function createClinic(
  database: Database,
  options: { organizationId?: string; name?: string } = {},
): Promise<ClinicIds> {
  const { db } = database;
  let organizationId = options.organizationId;
  if (organizationId === undefined) {
    const [organization] = await db
      .insert(organizations)
      .values({ name: 'Other Skin Group', slug: unique('other-group') })
      .returning({ id: organizations.id });
    organizationId = organization!.id;
  }
  const [clinic] = await db
    .insert(clinics)
    .values({
      organizationId,
      name: options.name ?? 'Second Clinic',
      slug: unique('clinic'),
      timeZone: 'America/Chicago',
      email: `${unique('clinic')}@clinic.test`,
    })
    .returning({ id: clinics.id });
  return { organizationId, clinicId: clinic!.id };
}

export interface TestUser {
  userId: string;
  email: string;
  displayName: string;
}

export async function createUser(
  database: Database,
  options: { email?: string; displayName?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? `${unique('user')}@people.test`;
  const displayName = options.displayName ?? 'Test Person';
  const [row] = await database.db
    .insert(users)
    .values({ email, displayName, passwordHash: await testPasswordHash(), emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  return { userId: row!.id, email, displayName };
}

/** Gives an existing person a role in a clinic (one person may work in several). */
export async function addMembership(
  database: Database,
  membership: { clinicId: string; userId: string; role: StaffRole; deactivated?: boolean },
): Promise<void> {
  await database.db.insert(clinicMemberships).values({
    clinicId: membership.clinicId,
    userId: membership.userId,
    role: membership.role,
    deactivatedAt: membership.deactivated === true ? new Date() : null,
  });
}

export async function createStaff(
  database: Database,
  options: { clinicId: string; role: StaffRole; email?: string; displayName?: string },
): Promise<TestUser> {
  const user = await createUser(database, {
    email: options.email,
    displayName: options.displayName ?? `Test ${options.role}`,
  });
  await addMembership(database, { clinicId: options.clinicId, userId: user.userId, role: options.role });
  return user;
}

export interface TestPatient {
  patientId: string;
  /** The portal account, when the patient has one. */
  user: TestUser | undefined;
}

export async function createPatient(
  database: Database,
  options: { clinicId: string; withAccount?: boolean; givenName?: string; clinicalNotes?: string | null },
): Promise<TestPatient> {
  const givenName = options.givenName ?? 'Pat';
  const user =
    options.withAccount === true ? await createUser(database, { displayName: `${givenName} Example` }) : undefined;
  const [row] = await database.db
    .insert(patients)
    .values({
      clinicId: options.clinicId,
      userId: user?.userId ?? null,
      givenName,
      familyName: 'Example',
      email: user?.email ?? null,
      phone: '+1 555 0100',
      dateOfBirth: '1990-01-01',
      clinicalNotes:
        options.clinicalNotes === undefined ? 'Fitzpatrick III; no contraindications.' : options.clinicalNotes,
    })
    .returning({ id: patients.id });
  return { patientId: row!.id, user };
}

/** Ids of the demo accounts and patients, by the demo emails. */
export async function demoIds(database: Database): Promise<{
  userIdOf(email: string): string;
  patientIdOf(email: string): string;
}> {
  const userRows = await database.db.select({ id: users.id, email: users.email }).from(users);
  const patientRows = await database.db.select({ id: patients.id, email: patients.email }).from(patients);
  const find = (rows: { id: string; email: string | null }[], email: string): string => {
    const id = rows.find((row) => row.email === email)?.id;
    if (id === undefined) throw new Error(`no row for ${email}`);
    return id;
  };
  return {
    userIdOf: (email) => find(userRows, email),
    patientIdOf: (email) => find(patientRows, email),
  };
}
