// The clinic's scheduling set-up (issue 6): practitioners' weekly hours, time
// blocks (rows of `bookings` with kind 'block'), booking rules, service settings,
// holidays and the waitlist. Every query is scoped to the clinic it is given.
import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import {
  bookingRules,
  bookings,
  clinicHolidays,
  clinicMemberships,
  clinics,
  devices,
  patients,
  rooms,
  servicePractitioners,
  services,
  users,
  waitlistEntries,
  workingHours,
} from '../schema.ts';

export interface WorkingHoursSpan {
  weekday: number;
  startsAt: string;
  endsAt: string;
}

export async function findClinicTimeZone(db: Db, clinicId: string): Promise<string> {
  const [row] = await db.select({ timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.id, clinicId));
  if (row === undefined) throw new Error(`clinic ${clinicId} does not exist`);
  return row.timeZone;
}

/** The role of an active staff member of this clinic, or undefined. */
export async function findActiveStaffRole(db: Db, clinicId: string, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ role: clinicMemberships.role })
    .from(clinicMemberships)
    .where(
      and(
        eq(clinicMemberships.clinicId, clinicId),
        eq(clinicMemberships.userId, userId),
        isNull(clinicMemberships.deactivatedAt),
      ),
    );
  return row?.role;
}

export interface TreatingStaffRow {
  userId: string;
  displayName: string;
  role: 'practitioner' | 'clinic_admin';
  /** Named on at least one of the clinic's services. */
  givesServices: boolean;
}

/**
 * Everyone active who may keep hours and give services: practitioners, and clinic
 * admins (who may treat too), by name.
 */
export async function listTreatingStaff(db: Db, clinicId: string): Promise<TreatingStaffRow[]> {
  const rows = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      role: clinicMemberships.role,
      givesServices: sql<boolean>`exists (
        select 1 from ${servicePractitioners}
        where ${servicePractitioners.clinicId} = ${clinicMemberships.clinicId}
          and ${servicePractitioners.userId} = ${clinicMemberships.userId}
      )`,
    })
    .from(clinicMemberships)
    .innerJoin(users, eq(users.id, clinicMemberships.userId))
    .where(
      and(
        eq(clinicMemberships.clinicId, clinicId),
        isNull(clinicMemberships.deactivatedAt),
        inArray(clinicMemberships.role, ['practitioner', 'clinic_admin']),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id));
  return rows.map((row) => ({ ...row, role: row.role === 'clinic_admin' ? 'clinic_admin' : 'practitioner' }));
}

/**
 * The calendar's practitioner columns: active practitioners, and clinic admins only
 * when they give at least one service (an admin who runs the clinic but does not
 * treat has nothing to show there and cannot be booked).
 */
export async function listPractitioners(db: Db, clinicId: string): Promise<{ userId: string; displayName: string }[]> {
  const staff = await listTreatingStaff(db, clinicId);
  return staff
    .filter((person) => person.role === 'practitioner' || person.givesServices)
    .map(({ userId, displayName }) => ({ userId, displayName }));
}

export async function listWorkingHours(db: Db, clinicId: string, userId: string): Promise<WorkingHoursSpan[]> {
  return db
    .select({ weekday: workingHours.weekday, startsAt: workingHours.startsAt, endsAt: workingHours.endsAt })
    .from(workingHours)
    .where(and(eq(workingHours.clinicId, clinicId), eq(workingHours.userId, userId)))
    .orderBy(asc(workingHours.weekday), asc(workingHours.startsAt));
}

/** Replaces the practitioner's whole week; call inside the transaction that audits it. */
export async function replaceWorkingHours(
  tx: Db,
  clinicId: string,
  userId: string,
  spans: readonly WorkingHoursSpan[],
): Promise<void> {
  await tx.delete(workingHours).where(and(eq(workingHours.clinicId, clinicId), eq(workingHours.userId, userId)));
  if (spans.length > 0) {
    await tx.insert(workingHours).values(spans.map((span) => ({ clinicId, userId, ...span })));
  }
}

// --- resources ----------------------------------------------------------------

export async function roomInClinic(db: Db, clinicId: string, roomId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.clinicId, clinicId), eq(rooms.id, roomId)));
  return row !== undefined;
}

export async function deviceInClinic(db: Db, clinicId: string, deviceId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: devices.id })
    .from(devices)
    .where(and(eq(devices.clinicId, clinicId), eq(devices.id, deviceId)));
  return row !== undefined;
}

export async function listRooms(db: Db, clinicId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: rooms.id, name: rooms.name })
    .from(rooms)
    .where(eq(rooms.clinicId, clinicId))
    .orderBy(asc(rooms.name), asc(rooms.id));
}

export async function listDevices(db: Db, clinicId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: devices.id, name: devices.name })
    .from(devices)
    .where(eq(devices.clinicId, clinicId))
    .orderBy(asc(devices.name), asc(devices.id));
}

// --- time blocks ---------------------------------------------------------------

export interface TimeBlockRow {
  id: string;
  practitionerId: string | null;
  roomId: string | null;
  deviceId: string | null;
  startsAt: Date;
  endsAt: Date;
  note: string | null;
}

const blockColumns = {
  id: bookings.id,
  practitionerId: bookings.practitionerId,
  roomId: bookings.roomId,
  deviceId: bookings.deviceId,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  note: bookings.note,
};

export type InsertBlockResult = { kind: 'inserted'; block: TimeBlockRow } | { kind: 'overlap' };

/**
 * Inserts an active block occupying exactly [start, end). The exclusion
 * constraints refuse one that overlaps anything active on the same resource.
 * Runs in a savepoint so the caller's transaction survives a refusal.
 */
export async function insertTimeBlock(
  tx: Db,
  block: {
    clinicId: string;
    practitionerId: string | null;
    roomId: string | null;
    deviceId: string | null;
    start: Date;
    end: Date;
    note: string | null;
    createdBy: string;
  },
): Promise<InsertBlockResult> {
  try {
    const [row] = await tx.transaction(async (savepoint) =>
      savepoint
        .insert(bookings)
        .values({
          clinicId: block.clinicId,
          kind: 'block',
          practitionerId: block.practitionerId,
          roomId: block.roomId,
          deviceId: block.deviceId,
          startsAt: block.start,
          endsAt: block.end,
          occupied: `[${block.start.toISOString()},${block.end.toISOString()})`,
          note: block.note,
          createdBy: block.createdBy,
        })
        .returning(blockColumns),
    );
    return { kind: 'inserted', block: row! };
  } catch (error) {
    if (isExclusionViolation(error)) return { kind: 'overlap' };
    throw error;
  }
}

/** Active blocks overlapping [from, to), by start; optionally only one practitioner's. */
export async function listTimeBlocks(
  db: Db,
  clinicId: string,
  from: Date,
  to: Date,
  practitionerId?: string,
): Promise<TimeBlockRow[]> {
  return db
    .select(blockColumns)
    .from(bookings)
    .where(
      and(
        eq(bookings.clinicId, clinicId),
        eq(bookings.kind, 'block'),
        eq(bookings.status, 'active'),
        lt(bookings.startsAt, to),
        gt(bookings.endsAt, from),
        practitionerId === undefined ? undefined : eq(bookings.practitionerId, practitionerId),
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
}

/** Cancels an active block of this clinic; false when there is none with that id. */
export async function cancelTimeBlock(tx: Db, clinicId: string, id: string, userId: string): Promise<boolean> {
  const rows = await tx
    .update(bookings)
    .set({
      status: 'cancelled',
      cancelledAt: new Date(),
      cancelledBy: userId,
      updatedAt: new Date(),
      version: sql`${bookings.version} + 1`,
    })
    .where(
      and(
        eq(bookings.clinicId, clinicId),
        eq(bookings.id, id),
        eq(bookings.kind, 'block'),
        eq(bookings.status, 'active'),
      ),
    )
    .returning({ id: bookings.id });
  return rows.length === 1;
}

/** PostgreSQL's exclusion_violation (23P01), through the driver's and Drizzle's wrappers. */
export function isExclusionViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    if ((current as { code?: unknown }).code === '23P01') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

// --- booking rules ---------------------------------------------------------------

export interface BookingRulesRow {
  minNoticeMinutes: number;
  maxDaysAhead: number;
  cancelNoticeHours: number;
  slotStepMinutes: number;
  dailyCapPerPractitioner: number | null;
  reminderOffsetsHours: number[];
  holdMinutes: number;
}

/** The defaults of the table (and of a clinic without a row). */
export const DEFAULT_BOOKING_RULES: BookingRulesRow = {
  minNoticeMinutes: 120,
  maxDaysAhead: 90,
  cancelNoticeHours: 24,
  slotStepMinutes: 15,
  dailyCapPerPractitioner: null,
  reminderOffsetsHours: [48, 2],
  holdMinutes: 5,
};

const rulesColumns = {
  minNoticeMinutes: bookingRules.minNoticeMinutes,
  maxDaysAhead: bookingRules.maxDaysAhead,
  cancelNoticeHours: bookingRules.cancelNoticeHours,
  slotStepMinutes: bookingRules.slotStepMinutes,
  dailyCapPerPractitioner: bookingRules.dailyCapPerPractitioner,
  reminderOffsetsHours: bookingRules.reminderOffsetsHours,
  holdMinutes: bookingRules.holdMinutes,
  updatedAt: bookingRules.updatedAt,
};

export async function findBookingRules(
  db: Db,
  clinicId: string,
): Promise<(BookingRulesRow & { updatedAt: Date }) | undefined> {
  const [row] = await db.select(rulesColumns).from(bookingRules).where(eq(bookingRules.clinicId, clinicId));
  return row;
}

export async function upsertBookingRules(
  tx: Db,
  clinicId: string,
  rules: BookingRulesRow,
  userId: string,
): Promise<BookingRulesRow & { updatedAt: Date }> {
  const values = { ...rules, updatedBy: userId, updatedAt: new Date() };
  const [row] = await tx
    .insert(bookingRules)
    .values({ clinicId, ...values })
    .onConflictDoUpdate({ target: bookingRules.clinicId, set: values })
    .returning(rulesColumns);
  return row!;
}

// --- services -------------------------------------------------------------------

export interface ServiceSettingsRow {
  id: string;
  name: string;
  kind: 'consultation' | 'treatment';
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  priceCents: number;
  currency: string;
  active: boolean;
  needsRoom: boolean;
  deviceClass: 'mechanical_pen' | 'roller' | null;
  practitionerIds: string[];
}

const serviceColumns = {
  id: services.id,
  name: services.name,
  kind: services.kind,
  durationMinutes: services.durationMinutes,
  bufferBeforeMinutes: services.bufferBeforeMinutes,
  bufferAfterMinutes: services.bufferAfterMinutes,
  priceCents: services.priceCents,
  currency: services.currency,
  active: services.active,
  needsRoom: services.needsRoom,
  deviceClass: services.deviceClass,
};

/** Every service of the clinic, active or not, with who gives it; by name. */
export async function listServiceSettings(db: Db, clinicId: string): Promise<ServiceSettingsRow[]> {
  const [rows, links] = await Promise.all([
    db
      .select(serviceColumns)
      .from(services)
      .where(eq(services.clinicId, clinicId))
      .orderBy(asc(services.name), asc(services.id)),
    db
      .select({ serviceId: servicePractitioners.serviceId, userId: servicePractitioners.userId })
      .from(servicePractitioners)
      .where(eq(servicePractitioners.clinicId, clinicId))
      .orderBy(asc(servicePractitioners.userId)),
  ]);
  return rows.map((row) => ({
    ...row,
    practitionerIds: links.filter((link) => link.serviceId === row.id).map((link) => link.userId),
  }));
}

export async function findServiceSettings(
  db: Db,
  clinicId: string,
  serviceId: string,
): Promise<ServiceSettingsRow | undefined> {
  const [row] = await db
    .select(serviceColumns)
    .from(services)
    .where(and(eq(services.clinicId, clinicId), eq(services.id, serviceId)));
  if (row === undefined) return undefined;
  const practitioners = await db
    .select({ userId: servicePractitioners.userId })
    .from(servicePractitioners)
    .where(and(eq(servicePractitioners.clinicId, clinicId), eq(servicePractitioners.serviceId, serviceId)))
    .orderBy(asc(servicePractitioners.userId));
  return { ...row, practitionerIds: practitioners.map((practitioner) => practitioner.userId) };
}

export async function updateServiceSettings(
  tx: Db,
  clinicId: string,
  serviceId: string,
  changes: Partial<
    Pick<
      ServiceSettingsRow,
      | 'name'
      | 'kind'
      | 'needsRoom'
      | 'deviceClass'
      | 'durationMinutes'
      | 'bufferBeforeMinutes'
      | 'bufferAfterMinutes'
      | 'priceCents'
      | 'active'
    >
  >,
  practitionerIds: readonly string[] | undefined,
): Promise<void> {
  if (Object.keys(changes).length > 0) {
    await tx
      .update(services)
      .set(changes)
      .where(and(eq(services.clinicId, clinicId), eq(services.id, serviceId)));
  }
  if (practitionerIds !== undefined) {
    await tx
      .delete(servicePractitioners)
      .where(and(eq(servicePractitioners.clinicId, clinicId), eq(servicePractitioners.serviceId, serviceId)));
    if (practitionerIds.length > 0) {
      await tx.insert(servicePractitioners).values(practitionerIds.map((userId) => ({ clinicId, serviceId, userId })));
    }
  }
}

// --- holidays --------------------------------------------------------------------

export interface HolidayRow {
  day: string;
  name: string;
}

export async function listHolidays(db: Db, clinicId: string): Promise<HolidayRow[]> {
  return db
    .select({ day: clinicHolidays.day, name: clinicHolidays.name })
    .from(clinicHolidays)
    .where(eq(clinicHolidays.clinicId, clinicId))
    .orderBy(asc(clinicHolidays.day));
}

/** Adds a holiday, or renames the one on that day. */
export async function upsertHoliday(tx: Db, clinicId: string, holiday: HolidayRow): Promise<HolidayRow> {
  const [row] = await tx
    .insert(clinicHolidays)
    .values({ clinicId, ...holiday })
    .onConflictDoUpdate({ target: [clinicHolidays.clinicId, clinicHolidays.day], set: { name: holiday.name } })
    .returning({ day: clinicHolidays.day, name: clinicHolidays.name });
  return row!;
}

export async function deleteHoliday(tx: Db, clinicId: string, day: string): Promise<boolean> {
  const rows = await tx
    .delete(clinicHolidays)
    .where(and(eq(clinicHolidays.clinicId, clinicId), eq(clinicHolidays.day, day)))
    .returning({ day: clinicHolidays.day });
  return rows.length === 1;
}

// --- waitlist ----------------------------------------------------------------------

export interface WaitlistRow {
  id: string;
  patientId: string;
  patientName: string;
  serviceId: string;
  practitionerId: string | null;
  windowStart: string;
  windowEnd: string;
  createdAt: Date;
  /** The latest offer (POST /waitlist/:id/offers), if any. */
  offerStatus: 'offered' | 'declined' | 'accepted' | null;
  offerStartsAt: Date | null;
  offerExpiresAt: Date | null;
  offeredAt: Date | null;
}

const waitlistColumns = {
  id: waitlistEntries.id,
  patientId: waitlistEntries.patientId,
  patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
  serviceId: waitlistEntries.serviceId,
  practitionerId: waitlistEntries.practitionerId,
  windowStart: waitlistEntries.windowStart,
  windowEnd: waitlistEntries.windowEnd,
  createdAt: waitlistEntries.createdAt,
  offerStatus: waitlistEntries.offerStatus,
  offerStartsAt: waitlistEntries.offerStartsAt,
  offerExpiresAt: waitlistEntries.offerExpiresAt,
  offeredAt: waitlistEntries.offeredAt,
};

/** Open entries (not yet booked or withdrawn), longest waiting first; optionally for one service. */
export async function listOpenWaitlist(db: Db, clinicId: string, serviceId?: string): Promise<WaitlistRow[]> {
  return db
    .select(waitlistColumns)
    .from(waitlistEntries)
    .innerJoin(patients, eq(patients.id, waitlistEntries.patientId))
    .where(
      and(
        eq(waitlistEntries.clinicId, clinicId),
        isNull(waitlistEntries.closedAt),
        serviceId === undefined ? undefined : eq(waitlistEntries.serviceId, serviceId),
      ),
    )
    .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id));
}

export async function insertWaitlistEntry(
  tx: Db,
  entry: {
    clinicId: string;
    patientId: string;
    serviceId: string;
    practitionerId: string | null;
    windowStart: string;
    windowEnd: string;
  },
): Promise<WaitlistRow> {
  const [inserted] = await tx.insert(waitlistEntries).values(entry).returning({ id: waitlistEntries.id });
  const [row] = await tx
    .select(waitlistColumns)
    .from(waitlistEntries)
    .innerJoin(patients, eq(patients.id, waitlistEntries.patientId))
    .where(eq(waitlistEntries.id, inserted!.id));
  return row!;
}

export async function serviceInClinic(db: Db, clinicId: string, serviceId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.clinicId, clinicId), eq(services.id, serviceId)));
  return row !== undefined;
}
