// Reads for moving one session of a booked treatment series (issue 6): the series'
// gaps and its active sessions in order, and the display names of the people, rooms
// and devices that bookings and slots name by id. Clinic-scoped like every read.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { bookingSeries, bookings, clinicMemberships, devices, rooms, users } from '../schema.ts';
import { findBooking, type BookingRow } from './scheduling.ts';

export interface SeriesRow {
  id: string;
  patientId: string;
  serviceId: string;
  sessions: number;
  minGapDays: number;
  maxGapDays: number;
  samePractitioner: boolean;
}

/** A series of the clinic; undefined for another clinic's or none. */
export async function findSeries(db: Db, clinicId: string, seriesId: string): Promise<SeriesRow | undefined> {
  const [row] = await db
    .select({
      id: bookingSeries.id,
      patientId: bookingSeries.patientId,
      serviceId: bookingSeries.serviceId,
      sessions: bookingSeries.sessions,
      minGapDays: bookingSeries.minGapDays,
      maxGapDays: bookingSeries.maxGapDays,
      samePractitioner: bookingSeries.samePractitioner,
    })
    .from(bookingSeries)
    .where(and(eq(bookingSeries.id, seriesId), eq(bookingSeries.clinicId, clinicId)));
  return row;
}

/** The series' active appointments in session order (a cancelled session is no longer part of it). */
export async function listActiveSeriesBookings(db: Db, clinicId: string, seriesId: string): Promise<BookingRow[]> {
  const ids = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.clinicId, clinicId),
        eq(bookings.seriesId, seriesId),
        eq(bookings.kind, 'appointment'),
        eq(bookings.status, 'active'),
      ),
    )
    .orderBy(asc(bookings.seriesIndex), asc(bookings.startsAt));
  // At most 12 sessions: one read each keeps the row shape in one place (scheduling.ts).
  const rows: BookingRow[] = [];
  for (const { id } of ids) {
    const row = await findBooking(db, clinicId, id);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

/** Display names by id: the clinic's staff, rooms and devices (never another clinic's). */
export interface ResourceNames {
  people: ReadonlyMap<string, string>;
  rooms: ReadonlyMap<string, string>;
  devices: ReadonlyMap<string, string>;
}

/** Names of the given staff of the clinic (practitioners), by user id. */
export async function staffNames(db: Db, clinicId: string, userIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(clinicMemberships)
    .innerJoin(users, eq(users.id, clinicMemberships.userId))
    .where(and(eq(clinicMemberships.clinicId, clinicId), inArray(clinicMemberships.userId, unique)));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Names of the practitioners, rooms and devices the given bookings name, in three small queries. */
export async function resourceNames(
  db: Db,
  clinicId: string,
  named: readonly { practitionerId: string; roomId: string | null; deviceId: string | null }[],
): Promise<ResourceNames> {
  const roomIds = [...new Set(named.flatMap((entry) => (entry.roomId === null ? [] : [entry.roomId])))];
  const deviceIds = [...new Set(named.flatMap((entry) => (entry.deviceId === null ? [] : [entry.deviceId])))];
  const [people, roomRows, deviceRows] = await Promise.all([
    staffNames(
      db,
      clinicId,
      named.map((entry) => entry.practitionerId).filter((id) => id !== ''),
    ),
    roomIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ id: rooms.id, name: rooms.name })
          .from(rooms)
          .where(and(eq(rooms.clinicId, clinicId), inArray(rooms.id, roomIds))),
    deviceIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ id: devices.id, name: devices.name })
          .from(devices)
          .where(and(eq(devices.clinicId, clinicId), inArray(devices.id, deviceIds))),
  ]);
  return {
    people,
    rooms: new Map(roomRows.map((row) => [row.id, row.name])),
    devices: new Map(deviceRows.map((row) => [row.id, row.name])),
  };
}
