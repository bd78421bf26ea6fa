// Scheduling reads and writes (issue 6): a service's calendar set-up (who gives it,
// their hours, rooms, devices, holidays, rules), the bookings that occupy a range,
// and booking rows themselves. The exclusion constraints of migration 0006 are the
// last line against double booking; callers map SQLSTATE 23P01 to 409.
import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { bookingSeries, bookings, clinics, type devices, idempotencyKeys, patients, services } from '../schema.ts';
import {
  WEEKDAYS,
  type Booking,
  type BookingRules,
  type BusyInterval,
  type Device,
  type Practitioner,
  type Room,
  type Service,
  type WallClockInterval,
  type Weekday,
} from '../../domain/scheduling/index.ts';

const MINUTE_MS = 60_000;

/** ISO 8601 in UTC without milliseconds when there are none (the domain's fast parser reads it). */
export function isoUtc(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

export interface ServiceRow {
  id: string;
  clinicId: string;
  name: string;
  kind: 'consultation' | 'treatment';
  durationMinutes: number;
  priceCents: number;
  currency: string;
  active: boolean;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  needsRoom: boolean;
  deviceClass: 'mechanical_pen' | 'roller' | null;
}

/** Everything availability depends on for one service, except the bookings. */
export interface SchedulingSetup {
  timeZone: string;
  holidays: string[];
  service: ServiceRow;
  domainService: Service;
  practitioners: Practitioner[];
  rooms: Room[];
  devices: Device[];
  rules: BookingRules;
  /** Hours before a start at which reminders go out (booking_rules). */
  reminderOffsetsHours: number[];
}

/** The defaults of the booking_rules columns, for a clinic without a row. */
type DeviceRow = typeof devices.$inferSelect;

const DEFAULT_RULES = {
  minNoticeMinutes: 120,
  maxDaysAhead: 90,
  cancelNoticeHours: 24,
  slotStepMinutes: 15,
  dailyCapPerPractitioner: null as number | null,
  reminderOffsetsHours: [48, 2],
};

export async function findClinicService(db: Db, clinicId: string, serviceId: string): Promise<ServiceRow | undefined> {
  const [row] = await db
    .select({
      id: services.id,
      clinicId: services.clinicId,
      name: services.name,
      kind: services.kind,
      durationMinutes: services.durationMinutes,
      priceCents: services.priceCents,
      currency: services.currency,
      active: services.active,
      bufferBeforeMinutes: services.bufferBeforeMinutes,
      bufferAfterMinutes: services.bufferAfterMinutes,
      needsRoom: services.needsRoom,
      deviceClass: services.deviceClass,
    })
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.clinicId, clinicId)));
  return row;
}

/** The service's calendar set-up in its clinic; undefined when the clinic has no such active service. */
export async function loadSchedulingSetup(
  db: Db,
  clinicId: string,
  serviceId: string,
): Promise<SchedulingSetup | undefined> {
  // The service, the clinic's zone, rooms, devices of the class, holidays, rules, and
  // who gives the service with their hours, in one round trip: each query costs about
  // a millisecond of CPU on PGlite and a round trip on a server, whatever it returns.
  // Lists come as JSON text, decoded with JSON.parse.
  const result: unknown = await db.execute(sql`
    select s.id, s.clinic_id as "clinicId", s.name, s.kind, s.duration_minutes as "durationMinutes",
           s.price_cents as "priceCents", s.currency, s.active,
           s.buffer_before_minutes as "bufferBeforeMinutes", s.buffer_after_minutes as "bufferAfterMinutes",
           s.needs_room as "needsRoom", s.device_class as "deviceClass",
           c.time_zone as "timeZone",
           case when s.needs_room
                then (select coalesce(json_agg(r.id), '[]') from rooms r where r.clinic_id = s.clinic_id)
                else '[]' end::text as "rooms",
           case when s.device_class is null then '[]'
                else (select coalesce(json_agg(json_build_array(d.id, d.device_class)), '[]')
                        from devices d where d.clinic_id = s.clinic_id and d.device_class = s.device_class)
                end::text as "devices",
           (select coalesce(json_agg(h.day), '[]') from clinic_holidays h where h.clinic_id = s.clinic_id)::text
             as "holidays",
           (select json_build_array(b.min_notice_minutes, b.max_days_ahead, b.cancel_notice_hours,
                                    b.slot_step_minutes, b.daily_cap_per_practitioner,
                                    b.reminder_offsets_hours)
              from booking_rules b where b.clinic_id = s.clinic_id limit 1)::text as "rules",
           (select coalesce(json_agg(json_build_array(
                      sp.user_id,
                      (select coalesce(json_agg(json_build_array(w.weekday, w.starts_at, w.ends_at)), '[]')
                         from working_hours w where w.clinic_id = sp.clinic_id and w.user_id = sp.user_id))
                    order by sp.user_id), '[]')
              from service_practitioners sp
              join clinic_memberships m on m.clinic_id = sp.clinic_id and m.user_id = sp.user_id
             where sp.clinic_id = s.clinic_id and sp.service_id = s.id and m.deactivated_at is null)::text
             as "givers"
      from ${services} s
      join ${clinics} c on c.id = s.clinic_id
     where s.id = ${serviceId} and s.clinic_id = ${clinicId}`);
  // Both drivers answer raw SQL with { rows }.
  const [row] = (
    result as {
      rows: (ServiceRow & {
        timeZone: string;
        rooms: string;
        devices: string;
        holidays: string;
        rules: string | null;
        givers: string;
      })[];
    }
  ).rows;
  if (row === undefined || !row.active) return undefined;
  const { timeZone, rooms: roomsJson, devices: devicesJson, holidays, rules: rulesJson, givers, ...service } = row;
  const clinic = { timeZone, rooms: roomsJson, devices: devicesJson, holidays, rules: rulesJson };
  const giverRows = JSON.parse(givers) as [string, [number, string, string][]][];
  const practitionerIds = giverRows.map(([userId]) => userId);
  const practitioners: Practitioner[] = giverRows.map(([id, hours]) => {
    const weeklyHours: Partial<Record<Weekday, WallClockInterval[]>> = {};
    for (const [weekday, start, end] of hours) {
      const day = WEEKDAYS[weekday - 1];
      if (day === undefined) continue;
      (weeklyHours[day] ??= []).push({ start, end });
    }
    return { id, weeklyHours, timeOff: [] };
  });

  const roomRows = (JSON.parse(clinic.rooms) as string[]).map((id) => ({ id }));
  const deviceRows = (JSON.parse(clinic.devices) as [string, DeviceRow['deviceClass']][]).map(([id, deviceClass]) => ({
    id,
    deviceClass,
  }));
  const holidayRows = (JSON.parse(clinic.holidays) as string[]).map((day) => ({ day }));
  const packedRules =
    clinic.rules === null
      ? undefined
      : (JSON.parse(clinic.rules) as [number, number, number, number, number | null, number[]]);
  const rules =
    packedRules === undefined
      ? DEFAULT_RULES
      : {
          minNoticeMinutes: packedRules[0],
          maxDaysAhead: packedRules[1],
          cancelNoticeHours: packedRules[2],
          slotStepMinutes: packedRules[3],
          dailyCapPerPractitioner: packedRules[4] ?? null,
          reminderOffsetsHours: packedRules[5],
        };

  return {
    timeZone: clinic.timeZone,
    holidays: holidayRows.map((row) => row.day),
    service,
    domainService: {
      id: service.id,
      durationMinutes: service.durationMinutes,
      bufferBeforeMinutes: service.bufferBeforeMinutes,
      bufferAfterMinutes: service.bufferAfterMinutes,
      practitionerIds,
      device: service.deviceClass === null ? { kind: 'none' } : { kind: 'class', deviceClass: service.deviceClass },
    },
    practitioners,
    // Rooms have no type yet: every room of the clinic serves every service that needs one.
    rooms: roomRows.map((row) => ({ id: row.id, type: 'treatment' })),
    devices: deviceRows.map((row) => ({ id: row.id, deviceClass: row.deviceClass })),
    rules: {
      minimumNoticeMinutes: rules.minNoticeMinutes,
      maxDaysAhead: rules.maxDaysAhead,
      slotStepMinutes: rules.slotStepMinutes,
      dailyCapPerPractitioner: rules.dailyCapPerPractitioner,
      cancellationNoticeMinutes: rules.cancelNoticeHours * 60,
      // One notice period for moving and cancelling until the rules table has its own column.
      moveNoticeMinutes: rules.cancelNoticeHours * 60,
    },
    reminderOffsetsHours: rules.reminderOffsetsHours,
  };
}

export interface CalendarResources {
  practitionerIds: readonly string[];
  roomIds: readonly string[];
  deviceIds: readonly string[];
}

/** What occupies the resources in [fromMs, toMs): appointments as bookings, holds and blocks as busy time. */
export interface Calendar {
  bookings: Booking[];
  blocks: BusyInterval[];
  /** When the first hold in it lapses (Infinity when it holds none): the calendar is stale from then. */
  firstHoldExpiryMs: number;
}

/**
 * A timestamptz as whole epoch milliseconds (a JSON number), truncating microseconds
 * the way the driver's Date did; null stays null.
 */
function epochMs(value: SQL): SQL {
  return sql`floor(extract(epoch from ${value}) * 1000)::float8`;
}

type PackedCalendarRow = [
  id: string,
  kind: 'appointment' | 'hold' | 'block',
  serviceId: string | null,
  patientId: string | null,
  practitionerId: string | null,
  roomId: string | null,
  deviceId: string | null,
  startsAt: number,
  endsAt: number,
  occupiedFrom: number,
  occupiedTo: number,
  holdExpiresAt: number | null,
  version: number,
  createdAt: number,
  updatedAt: number,
];

function unpackCalendarRow(row: PackedCalendarRow) {
  const [id, kind, serviceId, patientId, practitionerId, roomId, deviceId] = row;
  const [, , , , , , , startsAt, endsAt, occupiedFrom, occupiedTo, holdExpiresAt, version, createdAt, updatedAt] = row;
  return {
    id,
    kind,
    serviceId,
    patientId,
    practitionerId,
    roomId,
    deviceId,
    startsAt,
    endsAt,
    occupiedFrom,
    occupiedTo,
    holdExpiresAt,
    version,
    createdAt,
    updatedAt,
  };
}

function overlapsRange(fromMs: number, toMs: number): SQL {
  return sql`${bookings.occupied} && tstzrange(${isoUtc(fromMs)}::timestamptz, ${isoUtc(toMs)}::timestamptz, '[)')`;
}

/**
 * Active rows on any of the resources whose occupied range overlaps [fromMs, toMs),
 * through the GiST indexes of the exclusion constraints. Expired holds are left out.
 */
export async function loadCalendar(
  db: Db,
  clinicId: string,
  /** null: every resource of the clinic. */
  resources: CalendarResources | null,
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<Calendar> {
  const onResource: SQL[] = [];
  if (resources !== null) {
    if (resources.practitionerIds.length > 0) {
      onResource.push(inArray(bookings.practitionerId, [...resources.practitionerIds]));
    }
    if (resources.roomIds.length > 0) onResource.push(inArray(bookings.roomId, [...resources.roomIds]));
    if (resources.deviceIds.length > 0) onResource.push(inArray(bookings.deviceId, [...resources.deviceIds]));
    if (onResource.length === 0) return { bookings: [], blocks: [], firstHoldExpiryMs: Number.POSITIVE_INFINITY };
  }
  // One row, one text column: the rows as a JSON array of arrays, instants as epoch
  // milliseconds. Decoding 15 typed columns per booking (and a Date per timestamp)
  // through the driver cost several times the query itself; JSON.parse is native.
  const result: unknown = await db.execute(sql`
    select coalesce(json_agg(json_build_array(
             ${bookings.id}, ${bookings.kind}, ${bookings.serviceId}, ${bookings.patientId},
             ${bookings.practitionerId}, ${bookings.roomId}, ${bookings.deviceId},
             ${epochMs(sql`${bookings.startsAt}`)}, ${epochMs(sql`${bookings.endsAt}`)},
             ${epochMs(sql`lower(${bookings.occupied})`)}, ${epochMs(sql`upper(${bookings.occupied})`)},
             ${epochMs(sql`${bookings.holdExpiresAt}`)}, ${bookings.version},
             ${epochMs(sql`${bookings.createdAt}`)}, ${epochMs(sql`${bookings.updatedAt}`)}
           ))::text, '[]') as rows
      from ${bookings}
     where ${and(
       eq(bookings.clinicId, clinicId),
       eq(bookings.status, 'active'),
       resources === null ? undefined : or(...onResource),
       overlapsRange(fromMs, toMs),
     )}`);
  // Both drivers answer raw SQL with { rows }.
  const [packed] = (result as { rows: { rows: string }[] }).rows;
  const rows = (JSON.parse(packed?.rows ?? '[]') as PackedCalendarRow[]).map(unpackCalendarRow);
  const calendar: Calendar = { bookings: [], blocks: [], firstHoldExpiryMs: Number.POSITIVE_INFINITY };
  for (const row of rows) {
    const occupiedFrom = row.occupiedFrom;
    const occupiedTo = row.occupiedTo;
    const startMs = row.startsAt;
    const endMs = row.endsAt;
    if (row.kind === 'hold' && row.holdExpiresAt !== null) {
      if (row.holdExpiresAt <= nowMs) continue;
      calendar.firstHoldExpiryMs = Math.min(calendar.firstHoldExpiryMs, row.holdExpiresAt);
    }
    if (
      row.kind === 'appointment' &&
      row.roomId !== null &&
      row.practitionerId !== null &&
      row.serviceId !== null &&
      row.patientId !== null
    ) {
      calendar.bookings.push({
        id: row.id,
        serviceId: row.serviceId,
        patientId: row.patientId,
        practitionerId: row.practitionerId,
        roomId: row.roomId,
        deviceId: row.deviceId,
        start: isoUtc(startMs),
        end: isoUtc(endMs),
        bufferBeforeMinutes: Math.round((startMs - occupiedFrom) / MINUTE_MS),
        bufferAfterMinutes: Math.round((occupiedTo - endMs) / MINUTE_MS),
        status: 'confirmed',
        createdAt: isoUtc(row.createdAt),
        updatedAt: isoUtc(row.updatedAt),
        version: row.version,
      });
      continue;
    }
    // Holds, blocks and appointments without a room: busy time on each resource they name.
    const reason = row.kind === 'hold' ? 'hold' : row.kind === 'block' ? 'block' : 'booking';
    const interval = (kind: 'practitioner' | 'room' | 'device', id: string): BusyInterval => ({
      resource: { kind, id },
      start: isoUtc(occupiedFrom),
      end: isoUtc(occupiedTo),
      reason,
      bookingId: row.id,
    });
    if (row.practitionerId !== null) calendar.blocks.push(interval('practitioner', row.practitionerId));
    if (row.roomId !== null) calendar.blocks.push(interval('room', row.roomId));
    if (row.deviceId !== null) calendar.blocks.push(interval('device', row.deviceId));
  }
  return calendar;
}

/** Removes holds that lapsed and overlap [fromMs, toMs), so they stop blocking the exclusion constraints. */
export async function deleteExpiredHolds(
  db: Db,
  clinicId: string,
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<void> {
  await db
    .delete(bookings)
    .where(
      and(
        eq(bookings.clinicId, clinicId),
        eq(bookings.kind, 'hold'),
        lt(bookings.holdExpiresAt, new Date(nowMs)),
        overlapsRange(fromMs, toMs),
      ),
    );
}

export interface BookingRow {
  id: string;
  clinicId: string;
  serviceId: string;
  patientId: string;
  practitionerId: string;
  roomId: string | null;
  deviceId: string | null;
  startsAt: Date;
  endsAt: Date;
  /** The occupied range: the appointment widened by the buffers it was booked with. */
  occupiedFrom: Date;
  occupiedTo: Date;
  status: 'active' | 'cancelled';
  priceCents: number;
  currency: string;
  version: number;
  seriesId: string | null;
  seriesIndex: number | null;
  /** Set when something needs staff attention (e.g. a pre-session check-in that says "not yet"). */
  flaggedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const bookingColumns = {
  id: bookings.id,
  clinicId: bookings.clinicId,
  serviceId: bookings.serviceId,
  patientId: bookings.patientId,
  practitionerId: bookings.practitionerId,
  roomId: bookings.roomId,
  deviceId: bookings.deviceId,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  occupiedFrom: sql<Date>`lower(${bookings.occupied})`.mapWith(bookings.startsAt),
  occupiedTo: sql<Date>`upper(${bookings.occupied})`.mapWith(bookings.startsAt),
  status: bookings.status,
  priceCents: bookings.priceCents,
  currency: bookings.currency,
  version: bookings.version,
  seriesId: bookings.seriesId,
  seriesIndex: bookings.seriesIndex,
  flaggedReason: bookings.flaggedReason,
  createdAt: bookings.createdAt,
  updatedAt: bookings.updatedAt,
};

type RawBookingRow = Omit<BookingRow, 'serviceId' | 'patientId' | 'practitionerId' | 'priceCents' | 'currency'> & {
  serviceId: string | null;
  patientId: string | null;
  practitionerId: string | null;
  priceCents: number | null;
  currency: string | null;
};

/** Appointment rows always carry these (bookings_appointment_fields); price and currency are copied at booking. */
function toBookingRow(row: RawBookingRow): BookingRow {
  return {
    ...row,
    serviceId: row.serviceId ?? '',
    patientId: row.patientId ?? '',
    practitionerId: row.practitionerId ?? '',
    priceCents: row.priceCents ?? 0,
    currency: row.currency ?? 'USD',
  };
}

/** Where and when a booking or hold sits: its resources and its range, with the service's buffers. */
export interface BookingPlacement {
  practitionerId: string;
  roomId: string | null;
  deviceId: string | null;
  startMs: number;
  endMs: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

export interface NewBooking extends BookingPlacement {
  clinicId: string;
  serviceId: string;
  patientId: string;
  priceCents: number;
  currency: string;
  seriesId?: string | null;
  seriesIndex?: number | null;
  createdBy: string;
}

export function occupiedRange(startMs: number, endMs: number, before: number, after: number): SQL {
  return sql`tstzrange(${isoUtc(startMs - before * MINUTE_MS)}::timestamptz, ${isoUtc(endMs + after * MINUTE_MS)}::timestamptz, '[)')`;
}

/** The columns of a bookings row (appointment or hold) that a placement sets. */
export function placementColumns(placement: BookingPlacement) {
  return {
    practitionerId: placement.practitionerId,
    roomId: placement.roomId,
    deviceId: placement.deviceId,
    startsAt: new Date(placement.startMs),
    endsAt: new Date(placement.endMs),
    occupied: occupiedRange(
      placement.startMs,
      placement.endMs,
      placement.bufferBeforeMinutes,
      placement.bufferAfterMinutes,
    ),
  };
}

/** Inserts an appointment; an overlap on practitioner, room or device fails with SQLSTATE 23P01. */
export async function insertBooking(db: Db, booking: NewBooking): Promise<BookingRow> {
  const [row] = await db
    .insert(bookings)
    .values({
      clinicId: booking.clinicId,
      kind: 'appointment',
      serviceId: booking.serviceId,
      patientId: booking.patientId,
      ...placementColumns(booking),
      priceCents: booking.priceCents,
      currency: booking.currency,
      seriesId: booking.seriesId ?? null,
      seriesIndex: booking.seriesIndex ?? null,
      createdBy: booking.createdBy,
    })
    .returning(bookingColumns);
  return toBookingRow(row!);
}

/**
 * Turns a hold into an appointment in place (same row, same id), so its range is
 * never free in between; resources and range are set again from the slot checked
 * now. Undefined when the row is no longer a hold. An overlap fails with 23P01.
 */
export async function confirmHoldRow(
  db: Db,
  holdId: string,
  booking: Omit<NewBooking, 'clinicId' | 'serviceId' | 'patientId' | 'seriesId' | 'seriesIndex'>,
): Promise<BookingRow | undefined> {
  const [row] = await db
    .update(bookings)
    .set({
      kind: 'appointment',
      holdExpiresAt: null,
      ...placementColumns(booking),
      priceCents: booking.priceCents,
      currency: booking.currency,
      createdBy: booking.createdBy,
      createdAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(bookings.id, holdId), eq(bookings.kind, 'hold'), eq(bookings.status, 'active')))
    .returning(bookingColumns);
  return row === undefined ? undefined : toBookingRow(row);
}

/** One appointment of the clinic (any status); undefined for another clinic's or none. */
export async function findBooking(db: Db, clinicId: string, bookingId: string): Promise<BookingRow | undefined> {
  const [row] = await db
    .select(bookingColumns)
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.clinicId, clinicId), eq(bookings.kind, 'appointment')));
  return row === undefined ? undefined : toBookingRow(row);
}

/** Appointments starting in [from, to), of the whole clinic or one patient, by start. */
export async function listBookings(
  db: Db,
  clinicId: string,
  range: { fromMs: number; toMs: number; patientId?: string },
): Promise<BookingRow[]> {
  const rows = await db
    .select(bookingColumns)
    .from(bookings)
    .where(
      and(
        eq(bookings.clinicId, clinicId),
        eq(bookings.kind, 'appointment'),
        range.patientId === undefined ? undefined : eq(bookings.patientId, range.patientId),
        gte(bookings.startsAt, new Date(range.fromMs)),
        lt(bookings.startsAt, new Date(range.toMs)),
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .limit(2000);
  return rows.map(toBookingRow);
}

/**
 * Moves an active appointment when it is still at `expectedVersion`; undefined when
 * it moved on (or was cancelled) meanwhile. An overlap fails with SQLSTATE 23P01.
 */
export async function moveBookingRow(
  db: Db,
  bookingId: string,
  expectedVersion: number,
  move: BookingPlacement,
): Promise<BookingRow | undefined> {
  const [row] = await db
    .update(bookings)
    .set({
      ...placementColumns(move),
      version: sql`${bookings.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(bookings.id, bookingId), eq(bookings.version, expectedVersion), eq(bookings.status, 'active')))
    .returning(bookingColumns);
  return row === undefined ? undefined : toBookingRow(row);
}

/** Cancels an active appointment: its range is free from now on. Undefined when it was not active. */
export async function cancelBookingRow(
  db: Db,
  bookingId: string,
  cancelledBy: string,
): Promise<BookingRow | undefined> {
  const [row] = await db
    .update(bookings)
    .set({
      status: 'cancelled',
      cancelledAt: sql`now()`,
      cancelledBy,
      version: sql`${bookings.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(bookings.id, bookingId), eq(bookings.status, 'active')))
    .returning(bookingColumns);
  return row === undefined ? undefined : toBookingRow(row);
}

export async function insertSeries(
  db: Db,
  series: {
    clinicId: string;
    patientId: string;
    serviceId: string;
    sessions: number;
    minGapDays: number;
    maxGapDays: number;
    samePractitioner: boolean;
    createdBy: string;
  },
): Promise<string> {
  const [row] = await db.insert(bookingSeries).values(series).returning({ id: bookingSeries.id });
  return row!.id;
}

/** Whether the patient record belongs to the clinic. */
export async function isClinicPatient(db: Db, clinicId: string, patientId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, clinicId)));
  return row !== undefined;
}

// --- idempotency ----------------------------------------------------------------

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  responseBody: unknown;
}

export async function findIdempotentResponse(
  db: Db,
  owner: { ownerId: string; route: string; key: string },
): Promise<StoredResponse | undefined> {
  const [row] = await db
    .select({
      requestHash: idempotencyKeys.requestHash,
      statusCode: idempotencyKeys.statusCode,
      responseBody: idempotencyKeys.responseBody,
    })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.ownerId, owner.ownerId),
        eq(idempotencyKeys.route, owner.route),
        eq(idempotencyKeys.key, owner.key),
      ),
    );
  return row;
}

/**
 * Claims the key inside the caller's transaction before any work: a concurrent
 * request with the same key waits on the primary key and then fails with 23505,
 * after which it reads and replays the committed answer.
 */
export async function claimIdempotencyKey(
  db: Db,
  owner: { ownerId: string; route: string; key: string },
  requestHash: string,
): Promise<void> {
  await db.insert(idempotencyKeys).values({ ...owner, requestHash, statusCode: 0, responseBody: {} });
}

export async function storeIdempotentResponse(
  db: Db,
  owner: { ownerId: string; route: string; key: string },
  statusCode: number,
  responseBody: unknown,
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ statusCode, responseBody })
    .where(
      and(
        eq(idempotencyKeys.ownerId, owner.ownerId),
        eq(idempotencyKeys.route, owner.route),
        eq(idempotencyKeys.key, owner.key),
      ),
    );
}

/** The SQLSTATE of a database error, through the driver's and Drizzle's wrappers. */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** exclusion_violation: an overlap on practitioner, room or device. */
export const EXCLUSION_VIOLATION = '23P01';
export const UNIQUE_VIOLATION = '23505';
