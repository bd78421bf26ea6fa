// The demo clinic that a fresh install starts with: "Demo Dermatology" in New
// York, its staff, rooms, pens, service menu and two demo patients. Seeding is
// idempotent (every row is found by a natural key before it is inserted), and
// `puncta seed --reset` deletes the demo organization and builds it again.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Db } from '../database.ts';
import { seedDemoArticles } from './demo-articles.ts';
import { seedDemoComments } from './demo-comments.ts';
import { deleteDemoScheduling, seedDemoScheduling } from './demo-scheduling.ts';
import {
  clinicMemberships,
  clinics,
  devices,
  organizations,
  outboxMessages,
  patients,
  rooms,
  services,
  users,
} from '../schema.ts';

export const DEMO_ORGANIZATION_SLUG = 'demo-dermatology';
export const DEMO_CLINIC_SLUG = 'new-york';
export const DEMO_EMAIL_DOMAIN = 'demo.puncta.test';

type StaffRole = 'front_desk' | 'practitioner' | 'clinic_admin';

interface DemoStaff {
  email: string;
  displayName: string;
  role: StaffRole;
  title?: string;
  bio?: string;
}

export const DEMO_STAFF: readonly DemoStaff[] = [
  { email: `admin@${DEMO_EMAIL_DOMAIN}`, displayName: 'Alex Morgan', role: 'clinic_admin', title: 'Clinic manager' },
  {
    email: `frontdesk@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Jordan Lee',
    role: 'front_desk',
    title: 'Patient coordinator',
  },
  {
    email: `practitioner1@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Dr. Maya Okafor',
    role: 'practitioner',
    title: 'Board-certified dermatologist (MD)',
    bio:
      'Dr. Okafor treats acne scarring and pigment disorders in every skin type. She leads ' +
      "the clinic's screening protocol and reviews every self-assessment that needs a doctor's eye.",
  },
  {
    email: `practitioner2@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Daniel Reyes, RN',
    role: 'practitioner',
    title: 'Aesthetic nurse specialist',
    bio:
      'Daniel has performed collagen induction treatments for nine years. He plans needle depths ' +
      'zone by zone and looks after patients through their recovery check-ins.',
  },
];

export const DEMO_PATIENTS = [
  { email: `patient1@${DEMO_EMAIL_DOMAIN}`, givenName: 'Sam', familyName: 'Patel', dateOfBirth: '1991-04-12' },
  { email: `patient2@${DEMO_EMAIL_DOMAIN}`, givenName: 'Riley', familyName: 'Chen', dateOfBirth: '1986-09-30' },
] as const;

const DEMO_SERVICES = [
  {
    code: 'consultation',
    name: 'Micro-needling consultation',
    kind: 'consultation',
    durationMinutes: 30,
    priceCents: 5_000,
    description:
      'A skin assessment with a practitioner: your concerns, health screening, before photos and a ' +
      'written treatment plan. The fee is credited to your first treatment.',
  },
  {
    code: 'face',
    name: 'Micro-needling: face',
    kind: 'treatment',
    durationMinutes: 60,
    priceCents: 35_000,
    description:
      'Full-face collagen induction with a sterile single-use cartridge, numbing cream included. ' +
      'Depth is set zone by zone; the area around the eyes stays outside the orbital rim.',
  },
  {
    code: 'face-prp',
    name: 'Micro-needling with PRP: face',
    kind: 'treatment',
    durationMinutes: 90,
    priceCents: 65_000,
    description:
      'Face treatment combined with platelet-rich plasma prepared from a small sample of your own ' +
      'blood, an adjunct with published evidence for atrophic acne scars.',
  },
  {
    code: 'scalp',
    name: 'Micro-needling: scalp',
    kind: 'treatment',
    durationMinutes: 60,
    priceCents: 40_000,
    description:
      'Scalp treatment for pattern hair loss, usually alongside a topical treatment such as minoxidil ' +
      'that your practitioner discusses with you.',
  },
  {
    code: 'body-stretch-marks',
    name: 'Micro-needling: body and stretch marks',
    kind: 'treatment',
    durationMinutes: 75,
    priceCents: 45_000,
    description:
      'Treatment of stretch marks or scars on the abdomen, hips, thighs or arms; priced per area ' +
      'of about 15 by 15 cm.',
  },
] as const;

export interface DemoSeedResult {
  created: boolean;
  clinicId: string;
}

export interface DemoSeedOptions {
  /** Hashes the demo password; passed in so the database layer stays free of crypto choices. */
  passwordHash: string;
}

/** Creates the demo clinic if it is missing; never changes existing rows. */
export async function seedDemoClinic(database: Database, options: DemoSeedOptions): Promise<DemoSeedResult> {
  return database.db.transaction(async (tx) => {
    const existing = await findDemoClinic(tx);
    if (existing !== undefined) return { created: false, clinicId: existing };
    const db = tx as unknown as Db;

    const [organization] = await db
      .insert(organizations)
      .values({ name: 'Demo Dermatology', slug: DEMO_ORGANIZATION_SLUG })
      .onConflictDoNothing()
      .returning({ id: organizations.id });
    const organizationId =
      organization?.id ??
      required(
        await db
          .select({ id: organizations.id })
          .from(organizations)
          .where(eq(organizations.slug, DEMO_ORGANIZATION_SLUG)),
      );

    const [clinic] = await db
      .insert(clinics)
      .values({
        organizationId,
        name: 'Demo Dermatology',
        slug: DEMO_CLINIC_SLUG,
        timeZone: 'America/New_York',
        email: `hello@${DEMO_EMAIL_DOMAIN}`,
        phone: '+1 212 555 0142',
        addressLines: ['245 Hudson Street, Suite 4', 'New York, NY 10013'],
      })
      .returning({ id: clinics.id });
    const clinicId = clinic!.id;

    for (const staff of DEMO_STAFF) {
      const userId = await upsertUser(db, staff.email, staff.displayName, options.passwordHash);
      await db
        .insert(clinicMemberships)
        .values({ clinicId, userId, role: staff.role, title: staff.title ?? null, bio: staff.bio ?? null })
        .onConflictDoNothing();
    }
    for (const patient of DEMO_PATIENTS) {
      const userId = await upsertUser(
        db,
        patient.email,
        `${patient.givenName} ${patient.familyName}`,
        options.passwordHash,
      );
      await db
        .insert(patients)
        .values({ clinicId, userId, ...patient })
        .onConflictDoNothing();
    }

    await db.insert(rooms).values([
      { clinicId, name: 'Treatment room 1' },
      { clinicId, name: 'Treatment room 2' },
    ]);
    await db.insert(devices).values([
      {
        clinicId,
        name: 'Pen A',
        model: 'Motorised micro-needling pen',
        deviceClass: 'mechanical_pen',
        serialNumber: 'DEMO-PEN-0001',
        maxEvaluatedDepthMm: '1.50',
      },
      {
        clinicId,
        name: 'Pen B',
        model: 'Motorised micro-needling pen',
        deviceClass: 'mechanical_pen',
        serialNumber: 'DEMO-PEN-0002',
        maxEvaluatedDepthMm: '1.50',
      },
    ]);
    await db.insert(services).values(DEMO_SERVICES.map((service) => ({ clinicId, ...service })));
    await seedDemoArticles(db, clinicId);
    await seedDemoComments(db, clinicId);
    await seedDemoScheduling(db, clinicId);
    return { created: true, clinicId };
  });
}

/** Deletes the demo organization, its clinic and the demo accounts. */
export async function deleteDemoClinic(database: Database): Promise<void> {
  await database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const demoClinics = await db
      .select({ id: clinics.id })
      .from(clinics)
      .innerJoin(organizations, eq(organizations.id, clinics.organizationId))
      .where(eq(organizations.slug, DEMO_ORGANIZATION_SLUG));
    const clinicIds = demoClinics.map((row) => row.id);
    if (clinicIds.length > 0) {
      await deleteDemoScheduling(db, clinicIds);
      await db.delete(patients).where(inArray(patients.clinicId, clinicIds));
      await db.delete(outboxMessages).where(inArray(outboxMessages.clinicId, clinicIds));
      await db.delete(clinics).where(inArray(clinics.id, clinicIds));
    }
    await db.delete(organizations).where(eq(organizations.slug, DEMO_ORGANIZATION_SLUG));
    await db.delete(users).where(sql`lower(${users.email}) like ${`%@${DEMO_EMAIL_DOMAIN}`}`);
  });
}

export async function hasAnyClinic(database: Database): Promise<boolean> {
  const rows = await database.db.select({ id: clinics.id }).from(clinics).limit(1);
  return rows.length > 0;
}

async function findDemoClinic(db: Pick<Db, 'select'>): Promise<string | undefined> {
  const [row] = await db
    .select({ id: clinics.id })
    .from(clinics)
    .innerJoin(organizations, eq(organizations.id, clinics.organizationId))
    .where(and(eq(organizations.slug, DEMO_ORGANIZATION_SLUG), eq(clinics.slug, DEMO_CLINIC_SLUG)));
  return row?.id;
}

async function upsertUser(db: Db, email: string, displayName: string, passwordHash: string): Promise<string> {
  const [inserted] = await db
    .insert(users)
    .values({ email, displayName, passwordHash, emailVerifiedAt: new Date() })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (inserted !== undefined) return inserted.id;
  return required(
    await db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`),
  );
}

function required(rows: { id: string }[]): string {
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('demo seed: expected row is missing');
  return id;
}
