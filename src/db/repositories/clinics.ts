// Reads of a clinic and what it offers: the public face of the clinic.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { clinicMemberships, clinics, organizations, services, users } from '../schema.ts';

export interface PublicClinic {
  id: string;
  name: string;
  slug: string;
  organizationName: string;
  timeZone: string;
  email: string | null;
  phone: string | null;
  addressLines: string[];
}

export interface PublicService {
  id: string;
  code: string;
  name: string;
  kind: 'consultation' | 'treatment';
  description: string;
  durationMinutes: number;
  priceCents: number;
  currency: string;
}

export interface PublicPractitioner {
  userId: string;
  displayName: string;
  title: string | null;
  bio: string | null;
}

/**
 * The clinic this node serves to anonymous visitors: the oldest one. A clinic
 * group with several sites will choose by host name (later issue).
 */
export async function findPublicClinic(db: Db): Promise<PublicClinic | undefined> {
  const [row] = await db
    .select({
      id: clinics.id,
      name: clinics.name,
      slug: clinics.slug,
      organizationName: organizations.name,
      timeZone: clinics.timeZone,
      email: clinics.email,
      phone: clinics.phone,
      addressLines: clinics.addressLines,
    })
    .from(clinics)
    .innerJoin(organizations, eq(organizations.id, clinics.organizationId))
    .orderBy(asc(clinics.createdAt), asc(clinics.id))
    .limit(1);
  return row;
}

export async function listActiveServices(db: Db, clinicId: string): Promise<PublicService[]> {
  return db
    .select({
      id: services.id,
      code: services.code,
      name: services.name,
      kind: services.kind,
      description: services.description,
      durationMinutes: services.durationMinutes,
      priceCents: services.priceCents,
      currency: services.currency,
    })
    .from(services)
    .where(and(eq(services.clinicId, clinicId), eq(services.active, true)))
    .orderBy(asc(services.priceCents), asc(services.name));
}

export async function listPractitioners(db: Db, clinicId: string): Promise<PublicPractitioner[]> {
  return db
    .select({
      userId: users.id,
      displayName: users.displayName,
      title: clinicMemberships.title,
      bio: clinicMemberships.bio,
    })
    .from(clinicMemberships)
    .innerJoin(users, eq(users.id, clinicMemberships.userId))
    .where(and(eq(clinicMemberships.clinicId, clinicId), eq(clinicMemberships.role, 'practitioner')))
    .orderBy(asc(users.displayName));
}

/** What the screener needs to know of a clinic: its time zone (for "today"). */
export async function findClinicTimeZone(db: Db, clinicId: string): Promise<string | undefined> {
  const [row] = await db.select({ timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.id, clinicId));
  return row?.timeZone;
}

/** The clinic's price list as the planner reads it: active services by code. */
export async function listPriceList(db: Db, clinicId: string): Promise<{ serviceCode: string; priceCents: number }[]> {
  return db
    .select({ serviceCode: services.code, priceCents: services.priceCents })
    .from(services)
    .where(and(eq(services.clinicId, clinicId), eq(services.active, true)));
}
