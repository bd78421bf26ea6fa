// Holds (bookings of kind 'hold') and the offers on waitlist entries that make them
// (issue 6). A hold occupies its range like an appointment (the exclusion constraints
// of migration 0006 cover it) until `hold_expires_at`; expired ones are removed by
// deleteExpiredHolds before any booking. Confirming a hold updates that same row into
// an appointment, so the range is never free in between.
import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { bookings, clinics, patients, services, users, waitlistEntries } from '../schema.ts';
import { placementColumns, type BookingPlacement } from './scheduling.ts';

export interface HoldRow {
  id: string;
  clinicId: string;
  serviceId: string;
  patientId: string;
  practitionerId: string;
  roomId: string | null;
  deviceId: string | null;
  startsAt: Date;
  endsAt: Date;
  expiresAt: Date;
  createdBy: string | null;
}

const holdColumns = {
  id: bookings.id,
  clinicId: bookings.clinicId,
  serviceId: sql<string>`${bookings.serviceId}`,
  patientId: sql<string>`${bookings.patientId}`,
  practitionerId: sql<string>`${bookings.practitionerId}`,
  roomId: bookings.roomId,
  deviceId: bookings.deviceId,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  expiresAt: sql<Date>`${bookings.holdExpiresAt}`.mapWith(bookings.startsAt),
  createdBy: bookings.createdBy,
};

/** Inserts a hold; an overlap on practitioner, room or device fails with SQLSTATE 23P01. */
export async function insertHold(
  db: Db,
  hold: BookingPlacement & {
    clinicId: string;
    serviceId: string;
    patientId: string;
    expiresAtMs: number;
    createdBy: string;
  },
): Promise<HoldRow> {
  const [row] = await db
    .insert(bookings)
    .values({
      clinicId: hold.clinicId,
      kind: 'hold',
      serviceId: hold.serviceId,
      patientId: hold.patientId,
      ...placementColumns(hold),
      holdExpiresAt: new Date(hold.expiresAtMs),
      createdBy: hold.createdBy,
    })
    .returning(holdColumns);
  return row!;
}

/** One hold of the clinic (expired or not); undefined for another clinic's, an appointment or none. */
export async function findHold(
  db: Db,
  clinicId: string,
  holdId: string,
  options: { lock?: boolean } = {},
): Promise<HoldRow | undefined> {
  const query = db
    .select(holdColumns)
    .from(bookings)
    .where(
      and(
        eq(bookings.id, holdId),
        eq(bookings.clinicId, clinicId),
        eq(bookings.kind, 'hold'),
        eq(bookings.status, 'active'),
      ),
    );
  const [row] = options.lock === true ? await query.for('update') : await query;
  return row;
}

/** Unexpired holds of a patient that are not waitlist offers. */
export async function countActiveHolds(db: Db, clinicId: string, patientId: string, nowMs: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(bookings)
    .where(
      and(
        eq(bookings.clinicId, clinicId),
        eq(bookings.kind, 'hold'),
        eq(bookings.status, 'active'),
        eq(bookings.patientId, patientId),
        gt(bookings.holdExpiresAt, new Date(nowMs)),
        sql`not exists (select 1 from ${waitlistEntries} where ${waitlistEntries.offerHoldId} = ${bookings.id})`,
      ),
    );
  return row?.n ?? 0;
}

/** Serializes hold requests of one patient (the per-patient cap), on both engines. */
export async function lockPatient(db: Db, patientId: string): Promise<void> {
  await db.select({ id: patients.id }).from(patients).where(eq(patients.id, patientId)).for('update');
}

export async function deleteHold(db: Db, holdId: string): Promise<boolean> {
  const rows = await db
    .delete(bookings)
    .where(and(eq(bookings.id, holdId), eq(bookings.kind, 'hold')))
    .returning({ id: bookings.id });
  return rows.length === 1;
}

// --- waitlist offers -------------------------------------------------------------

export interface WaitlistEntryRow {
  id: string;
  clinicId: string;
  patientId: string;
  serviceId: string;
  practitionerId: string | null;
  windowStart: string;
  windowEnd: string;
  closedAt: Date | null;
  offerStatus: 'offered' | 'declined' | 'accepted' | null;
  offerHoldId: string | null;
  offerExpiresAt: Date | null;
  createdAt: Date;
}

export async function findWaitlistEntry(
  db: Db,
  clinicId: string,
  entryId: string,
  options: { lock?: boolean } = {},
): Promise<WaitlistEntryRow | undefined> {
  const query = db
    .select({
      id: waitlistEntries.id,
      clinicId: waitlistEntries.clinicId,
      patientId: waitlistEntries.patientId,
      serviceId: waitlistEntries.serviceId,
      practitionerId: waitlistEntries.practitionerId,
      windowStart: waitlistEntries.windowStart,
      windowEnd: waitlistEntries.windowEnd,
      closedAt: waitlistEntries.closedAt,
      offerStatus: waitlistEntries.offerStatus,
      offerHoldId: waitlistEntries.offerHoldId,
      offerExpiresAt: waitlistEntries.offerExpiresAt,
      createdAt: waitlistEntries.createdAt,
    })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.id, entryId), eq(waitlistEntries.clinicId, clinicId)));
  const [row] = options.lock === true ? await query.for('update') : await query;
  return row;
}

export async function recordOffer(
  db: Db,
  entryId: string,
  offer: { holdId: string; startMs: number; expiresAtMs: number; offeredBy: string },
): Promise<void> {
  await db
    .update(waitlistEntries)
    .set({
      offerStatus: 'offered',
      offerHoldId: offer.holdId,
      offerStartsAt: new Date(offer.startMs),
      offerExpiresAt: new Date(offer.expiresAtMs),
      offeredAt: sql`now()`,
      offeredBy: offer.offeredBy,
    })
    .where(eq(waitlistEntries.id, entryId));
}

/** The entry whose offer is this hold, if any. */
export async function findEntryOfHold(db: Db, holdId: string): Promise<{ id: string; patientId: string } | undefined> {
  const [row] = await db
    .select({ id: waitlistEntries.id, patientId: waitlistEntries.patientId })
    .from(waitlistEntries)
    .where(eq(waitlistEntries.offerHoldId, holdId));
  return row;
}

/** The offer was accepted: the entry is closed and points at its appointment (the former hold). */
export async function markOfferAccepted(db: Db, entryId: string, bookingId: string): Promise<void> {
  await db
    .update(waitlistEntries)
    .set({ offerStatus: 'accepted', offerHoldId: null, bookingId, closedAt: sql`now()` })
    .where(eq(waitlistEntries.id, entryId));
}

/** The patient said no (or staff withdrew it): the entry keeps waiting. */
export async function markOfferDeclined(db: Db, entryId: string): Promise<void> {
  await db
    .update(waitlistEntries)
    .set({ offerStatus: 'declined', offerHoldId: null })
    .where(eq(waitlistEntries.id, entryId));
}

export async function closeWaitlistEntry(db: Db, entryId: string): Promise<void> {
  await db
    .update(waitlistEntries)
    .set({ closedAt: sql`now()` })
    .where(and(eq(waitlistEntries.id, entryId), isNull(waitlistEntries.closedAt)));
}

/** Offers held for a patient right now (open entry, hold not expired), earliest start first. */
export async function listPatientOffers(
  db: Db,
  clinicId: string,
  patientId: string,
  nowMs: number,
): Promise<
  {
    entryId: string;
    holdId: string;
    serviceId: string;
    serviceName: string;
    practitionerId: string;
    startsAt: Date;
    endsAt: Date;
    expiresAt: Date;
  }[]
> {
  return db
    .select({
      entryId: waitlistEntries.id,
      holdId: bookings.id,
      serviceId: sql<string>`${bookings.serviceId}`,
      serviceName: services.name,
      practitionerId: sql<string>`${bookings.practitionerId}`,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      expiresAt: sql<Date>`${bookings.holdExpiresAt}`.mapWith(bookings.startsAt),
    })
    .from(waitlistEntries)
    .innerJoin(bookings, eq(bookings.id, waitlistEntries.offerHoldId))
    .innerJoin(services, eq(services.id, waitlistEntries.serviceId))
    .where(
      and(
        eq(waitlistEntries.clinicId, clinicId),
        eq(waitlistEntries.patientId, patientId),
        isNull(waitlistEntries.closedAt),
        eq(waitlistEntries.offerStatus, 'offered'),
        eq(bookings.kind, 'hold'),
        gt(bookings.holdExpiresAt, new Date(nowMs)),
      ),
    )
    .orderBy(asc(bookings.startsAt));
}

/** What the offer email needs: the patient's given name and address, the clinic's name and phone. */
export async function offerMailFacts(
  db: Db,
  clinicId: string,
  patientId: string,
): Promise<{ givenName: string; email: string | null; clinicName: string; phone: string | null } | undefined> {
  const [row] = await db
    .select({
      givenName: patients.givenName,
      email: sql<string | null>`coalesce(${patients.email}, ${users.email})`,
      clinicName: clinics.name,
      phone: clinics.phone,
    })
    .from(patients)
    .innerJoin(clinics, eq(clinics.id, patients.clinicId))
    .leftJoin(users, eq(users.id, patients.userId))
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, clinicId)));
  return row;
}
