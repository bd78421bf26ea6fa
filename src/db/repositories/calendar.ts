// Reads of bookings for calendar files (GET /api/v1/bookings/:id.ics and the
// private feeds), and the feeds themselves: a secret URL per practitioner or per
// patient, of which only the SHA-256 of the token is stored; revoking sets
// revoked_at. These are the calendar feature's own queries: the booking API has
// its repository (scheduling.ts) and this file does not depend on it.
import { and, asc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Booking } from '../../domain/scheduling/types.ts';
import type { IcsClinic } from '../../domain/scheduling/ics.ts';
import type { Db } from '../database.ts';
import { bookings, calendarFeeds, clinicMemberships, clinics, users } from '../schema.ts';

/** The columns a calendar file needs; nothing clinical (no service, no note). */
export const calendarBookingColumns = {
  id: bookings.id,
  clinicId: bookings.clinicId,
  kind: bookings.kind,
  status: bookings.status,
  serviceId: bookings.serviceId,
  patientId: bookings.patientId,
  practitionerId: bookings.practitionerId,
  roomId: bookings.roomId,
  deviceId: bookings.deviceId,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  version: bookings.version,
  createdAt: bookings.createdAt,
  updatedAt: bookings.updatedAt,
};

export interface CalendarBookingRow {
  id: string;
  clinicId: string;
  kind: 'appointment' | 'hold' | 'block';
  status: 'active' | 'cancelled';
  serviceId: string | null;
  patientId: string | null;
  practitionerId: string | null;
  roomId: string | null;
  deviceId: string | null;
  startsAt: Date;
  endsAt: Date;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A booking row as the pure scheduling code sees it. Only appointments are passed
 * here; an active one is "confirmed" (the database has no completed/no-show yet).
 * Buffers are left at 0: calendar files and reminder times do not use them.
 */
export function toDomainBooking(row: CalendarBookingRow): Booking {
  return {
    id: row.id,
    serviceId: row.serviceId ?? '',
    patientId: row.patientId ?? '',
    practitionerId: row.practitionerId ?? '',
    roomId: row.roomId ?? '',
    deviceId: row.deviceId,
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    status: row.status === 'cancelled' ? 'cancelled' : row.kind === 'hold' ? 'held' : 'confirmed',
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export interface CalendarClinicRow {
  id: string;
  name: string;
  timeZone: string;
  addressLines: string[];
}

const clinicColumns = {
  id: clinics.id,
  name: clinics.name,
  timeZone: clinics.timeZone,
  addressLines: clinics.addressLines,
};

/** The clinic as ics.ts wants it; `calendarDomain` names this installation in event UIDs. */
export function toIcsClinic(clinic: CalendarClinicRow, calendarDomain: string): IcsClinic {
  const address = clinic.addressLines.join(', ');
  return {
    id: clinic.id,
    name: clinic.name,
    timeZone: clinic.timeZone,
    ...(address === '' ? {} : { address }),
    calendarDomain,
  };
}

/** One appointment (active or cancelled) with its clinic; holds and blocks are not calendar events. */
export async function findAppointmentForCalendar(
  db: Db,
  bookingId: string,
): Promise<{ booking: CalendarBookingRow; clinic: CalendarClinicRow } | undefined> {
  const [row] = await db
    .select({ booking: calendarBookingColumns, clinic: clinicColumns })
    .from(bookings)
    .innerJoin(clinics, eq(clinics.id, bookings.clinicId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.kind, 'appointment')));
  return row;
}

// ---------------------------------------------------------------------------------
// Feeds

export type FeedOwner = { clinicId: string } & ({ userId: string } | { patientId: string });

function ownerCondition(owner: FeedOwner) {
  return and(
    eq(calendarFeeds.clinicId, owner.clinicId),
    'userId' in owner ? eq(calendarFeeds.userId, owner.userId) : eq(calendarFeeds.patientId, owner.patientId),
  );
}

export async function insertCalendarFeed(db: Db, owner: FeedOwner, tokenHash: string): Promise<string> {
  const [row] = await db
    .insert(calendarFeeds)
    .values({
      clinicId: owner.clinicId,
      userId: 'userId' in owner ? owner.userId : null,
      patientId: 'patientId' in owner ? owner.patientId : null,
      tokenHash,
    })
    .returning({ id: calendarFeeds.id });
  if (row === undefined) throw new Error('calendar feed insert returned no row');
  return row.id;
}

/** The owner's feeds that still work, oldest first (never their tokens: only hashes are kept). */
export async function listCalendarFeeds(db: Db, owner: FeedOwner): Promise<{ id: string; createdAt: Date }[]> {
  return db
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and(ownerCondition(owner), isNull(calendarFeeds.revokedAt)))
    .orderBy(asc(calendarFeeds.createdAt), asc(calendarFeeds.id));
}

/** Revokes one of the owner's feeds; false when there is no such live feed of theirs. */
export async function revokeCalendarFeed(db: Db, owner: FeedOwner, feedId: string): Promise<boolean> {
  const rows = await db
    .update(calendarFeeds)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(calendarFeeds.id, feedId), ownerCondition(owner), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return rows.length > 0;
}

export interface LiveFeed {
  id: string;
  userId: string | null;
  patientId: string | null;
  clinic: CalendarClinicRow;
}

/**
 * The live feed behind a token hash. A practitioner's feed stops working when they
 * are deactivated in that clinic or their account is disabled (and works again if
 * they come back, unless revoked); a patient's lasts as long as the patient record.
 */
export async function findLiveFeedByTokenHash(db: Db, tokenHash: string): Promise<LiveFeed | undefined> {
  const [row] = await db
    .select({
      id: calendarFeeds.id,
      userId: calendarFeeds.userId,
      patientId: calendarFeeds.patientId,
      clinic: clinicColumns,
    })
    .from(calendarFeeds)
    .innerJoin(clinics, eq(clinics.id, calendarFeeds.clinicId))
    .where(
      and(
        eq(calendarFeeds.tokenHash, tokenHash),
        isNull(calendarFeeds.revokedAt),
        sql`(${calendarFeeds.userId} is null or exists (
          select 1 from ${clinicMemberships} join ${users} on ${users.id} = ${clinicMemberships.userId}
          where ${clinicMemberships.clinicId} = ${calendarFeeds.clinicId}
            and ${clinicMemberships.userId} = ${calendarFeeds.userId}
            and ${clinicMemberships.deactivatedAt} is null
            and ${users.disabledAt} is null))`,
      ),
    );
  return row;
}

/** A feed's active appointments starting in [from, to), by start. */
export async function listFeedAppointments(
  db: Db,
  feed: Pick<LiveFeed, 'userId' | 'patientId' | 'clinic'>,
  range: { from: Date; to: Date },
): Promise<CalendarBookingRow[]> {
  const owner =
    feed.userId !== null
      ? eq(bookings.practitionerId, feed.userId)
      : feed.patientId !== null
        ? eq(bookings.patientId, feed.patientId)
        : undefined;
  if (owner === undefined) return [];
  return db
    .select(calendarBookingColumns)
    .from(bookings)
    .where(
      and(
        eq(bookings.clinicId, feed.clinic.id),
        owner,
        eq(bookings.kind, 'appointment'),
        eq(bookings.status, 'active'),
        gte(bookings.startsAt, range.from),
        lt(bookings.startsAt, range.to),
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
}
