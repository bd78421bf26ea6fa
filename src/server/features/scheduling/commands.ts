// The booking use cases (issue 6): availability, booking, moving, cancelling and
// treatment series. Each write runs in one transaction: the slot is checked again
// with findSlots against the calendar as it is now, then inserted; the exclusion
// constraints of migration 0006 are the last line, and an overlap that slips past
// the check (two nodes, one instant) becomes 409 slot_unavailable. Handlers pass
// plain data in and present what comes back.
import { createHash } from 'node:crypto';
import type { Database, Db } from '../../../db/database.ts';
import { recordAuditEvent, type AuditActor } from '../../../db/repositories/audit.ts';
import { planNewReminders, planReminders } from '../../../db/repositories/booking-reminders.ts';
import { findClinicTimeZone } from '../../../db/repositories/clinics.ts';
import {
  EXCLUSION_VIOLATION,
  UNIQUE_VIOLATION,
  cancelBookingRow,
  claimIdempotencyKey,
  deleteExpiredHolds,
  findBooking,
  findIdempotentResponse,
  insertBooking,
  insertSeries,
  isClinicPatient,
  isoUtc,
  listBookings,
  loadCalendar,
  loadSchedulingSetup,
  moveBookingRow,
  sqlState,
  storeIdempotentResponse,
  type BookingPlacement,
  type BookingRow,
  type SchedulingSetup,
  type ServiceRow,
} from '../../../db/repositories/scheduling.ts';
import type {
  AvailabilityResponse,
  BookingView,
  CreateBookingBody,
  CreateSeriesBody,
  MoveBookingBody,
  SeriesProposalBody,
  SeriesProposalResponse,
  SeriesResponse,
} from '../../../domain/contracts/scheduling.ts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../../../domain/errors.ts';
import {
  canCancel,
  canMove,
  findSlots,
  formatInstant,
  localDateOf,
  parseInstant,
  proposeSeries,
  reminderTimes,
  type Booking,
  type SchedulingContext,
  type Slot,
} from '../../../domain/scheduling/index.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import { calendarCache } from './calendar-cache.ts';
import { enqueueBookingConfirmation, type ConfirmationMailer } from './confirmation-mail.ts';
import { resourceNames, type ResourceNames } from '../../../db/repositories/booking-series.ts';
import { practitionerNames, withPractitionerNames } from './names.ts';
import { moveSeriesSession } from './series-moves.ts';
import { confirmHold, lockHoldForBooking, requireHoldOf } from './hold-confirm.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Calendar loaded around one start: wide enough for buffers and the whole local day (daily caps). */
export const AROUND_MS = 2 * DAY_MS;
const SERIES_DEFAULT_DAYS = 365;

export interface Caller {
  userId: string;
  clinicId: string;
  role: 'patient' | 'front_desk' | 'practitioner' | 'clinic_admin';
  /** The caller's own patient record, when a patient. */
  patientId: string | null;
  actor: AuditActor;
}

/** A conflict that names the series session it is about (1-based). */
export class SessionConflictError extends ConflictError {
  constructor(
    code: string,
    message: string,
    readonly sessionIndex: number,
  ) {
    super(code, message);
  }
}

export interface Replayable<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

// --- presenting -------------------------------------------------------------------

export function presentBooking(row: BookingRow, timeZone: string, names?: ResourceNames): BookingView {
  return {
    id: row.id,
    serviceId: row.serviceId,
    patientId: row.patientId,
    practitionerId: row.practitionerId,
    roomId: row.roomId,
    deviceId: row.deviceId,
    start: formatInstant(timeZone, row.startsAt.getTime()),
    end: formatInstant(timeZone, row.endsAt.getTime()),
    status: row.status === 'active' ? 'confirmed' : 'cancelled',
    priceCents: row.priceCents,
    currency: row.currency,
    version: row.version,
    seriesId: row.seriesId,
    seriesIndex: row.seriesIndex,
    flaggedReason: row.flaggedReason,
    ...(names === undefined
      ? {}
      : {
          practitionerName: names.people.get(row.practitionerId) ?? null,
          roomName: row.roomId === null ? null : (names.rooms.get(row.roomId) ?? null),
          deviceName: row.deviceId === null ? null : (names.devices.get(row.deviceId) ?? null),
        }),
  };
}

export function domainBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    serviceId: row.serviceId,
    patientId: row.patientId,
    practitionerId: row.practitionerId,
    roomId: row.roomId ?? '',
    deviceId: row.deviceId,
    start: isoUtc(row.startsAt.getTime()),
    end: isoUtc(row.endsAt.getTime()),
    bufferBeforeMinutes: Math.round((row.startsAt.getTime() - row.occupiedFrom.getTime()) / MINUTE_MS),
    bufferAfterMinutes: Math.round((row.occupiedTo.getTime() - row.endsAt.getTime()) / MINUTE_MS),
    status: row.status === 'active' ? 'confirmed' : 'cancelled',
    createdAt: isoUtc(row.createdAt.getTime()),
    updatedAt: isoUtc(row.updatedAt.getTime()),
    version: row.version,
  };
}

// --- shared checks -----------------------------------------------------------------

export async function requireSetup(db: Db, clinicId: string, serviceId: string): Promise<SchedulingSetup> {
  const setup = await loadSchedulingSetup(db, clinicId, serviceId);
  // Another clinic's service and none at all answer alike.
  if (setup === undefined) throw new NotFoundError('The service');
  return setup;
}

/** Calendar day number of a local date (YYYY-MM-DD). */
function dayOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function checkBookableStart(
  setup: SchedulingSetup,
  startMs: number,
  nowMs: number,
  sessionIndex?: number,
): void {
  const where = sessionIndex === undefined ? '' : `Session ${sessionIndex}: `;
  if (startMs <= nowMs) throw new InvalidInputError('start_in_past', `${where}The start lies in the past.`);
  const days = dayOf(localDateOf(setup.timeZone, startMs)) - dayOf(localDateOf(setup.timeZone, nowMs));
  const horizon =
    sessionIndex === undefined ? setup.rules.maxDaysAhead : (setup.rules.seriesMaxDaysAhead ?? SERIES_DEFAULT_DAYS);
  if (days > horizon) {
    throw new InvalidInputError(
      'beyond_horizon',
      `${where}The clinic takes bookings up to ${horizon} days ahead; this start is ${days} days away.`,
    );
  }
}

/** The patient a booking is for: a patient's own record; for staff the named patient of their clinic. */
export async function bookingPatient(db: Db, caller: Caller, requested: string | undefined): Promise<string> {
  if (caller.role === 'patient') {
    if (caller.patientId === null) {
      throw new ForbiddenError('no_patient_record', 'Your account has no patient record in this clinic.');
    }
    if (requested !== undefined && requested !== caller.patientId) {
      throw new ForbiddenError('patient_id_staff_only', 'Patients book for themselves: leave patientId out.');
    }
    return caller.patientId;
  }
  if (requested === undefined) {
    throw new InvalidInputError('patient_required', 'Say which patient the booking is for (patientId).');
  }
  if (!(await isClinicPatient(db, caller.clinicId, requested))) {
    return denyAsNotFound(db, caller.actor, { what: 'The patient', resourceType: 'patient', resourceId: requested });
  }
  return requested;
}

/** The domain's view of a service's calendar; ignored bookings drop out of the blocks too (holds, roomless bookings). */
export function schedulingContext(
  setup: SchedulingSetup,
  calendar: Awaited<ReturnType<typeof loadCalendar>>,
  nowMs: number,
  ignoreBookingIds?: readonly string[],
): SchedulingContext {
  return {
    clinic: { timeZone: setup.timeZone, holidays: setup.holidays },
    service: setup.domainService,
    practitioners: setup.practitioners,
    rooms: setup.rooms,
    devices: setup.devices,
    bookings: calendar.bookings,
    // A hold being confirmed (or a roomless booking being moved) sits among the blocks.
    blocks:
      ignoreBookingIds === undefined
        ? calendar.blocks
        : calendar.blocks.filter(
            (block) => block.bookingId === undefined || !ignoreBookingIds.includes(block.bookingId),
          ),
    rules: setup.rules,
    now: isoUtc(nowMs),
    ...(ignoreBookingIds === undefined ? {} : { ignoreBookingIds }),
  };
}

/** The clinic's resources a service can use, as loadCalendar asks for them. */
export function resourcesOf(setup: SchedulingSetup) {
  return {
    practitionerIds: setup.practitioners.map((practitioner) => practitioner.id),
    roomIds: setup.rooms.map((room) => room.id),
    deviceIds: setup.devices.map((device) => device.id),
  };
}

/**
 * The slot findSlots offers at exactly `startMs` against the calendar as it is now:
 * for the given practitioner, else the preferred one when free, else the first free.
 */
export async function offeredSlotAt(
  db: Db,
  setup: SchedulingSetup,
  clinicId: string,
  startMs: number,
  nowMs: number,
  choice: {
    practitionerId?: string | undefined;
    prefer?: string;
    ignoreBookingIds?: readonly string[];
    /** A series books up to its own horizon (seriesMaxDaysAhead), further than a single booking. */
    maxDaysAhead?: number;
  },
): Promise<Slot | undefined> {
  const calendar = await loadCalendar(
    db,
    clinicId,
    resourcesOf(setup),
    startMs - AROUND_MS,
    startMs + AROUND_MS,
    nowMs,
  );
  const base = schedulingContext(setup, calendar, nowMs, choice.ignoreBookingIds);
  const slots = findSlots({
    ...base,
    ...(choice.maxDaysAhead === undefined ? {} : { rules: { ...base.rules, maxDaysAhead: choice.maxDaysAhead } }),
    from: isoUtc(startMs),
    to: isoUtc(startMs + MINUTE_MS),
    ...(choice.practitionerId === undefined ? {} : { practitionerId: choice.practitionerId }),
  }).filter((slot) => parseInstant(slot.start) === startMs);
  return slots.find((slot) => slot.practitionerId === choice.prefer) ?? slots[0];
}

/** Where the offered slot puts a booking (or hold) of the service: its resources, its range and the buffers. */
export function slotPlacement(service: ServiceRow, slot: Slot, startMs: number): BookingPlacement {
  return {
    practitionerId: slot.practitionerId,
    roomId: slot.roomId,
    deviceId: slot.deviceId,
    startMs,
    endMs: parseInstant(slot.end),
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
  };
}

export function slotUnavailable(sessionIndex?: number): ConflictError {
  if (sessionIndex !== undefined) {
    return new SessionConflictError(
      'slot_unavailable',
      `Session ${sessionIndex}: that time is no longer free. Ask for a new proposal.`,
      sessionIndex,
    );
  }
  return new ConflictError('slot_unavailable', 'That time is no longer free. Pick another slot.');
}

// --- idempotency ------------------------------------------------------------------

function requestHash(route: string, body: unknown): string {
  const canonical = JSON.stringify(body, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
  return createHash('sha256').update(`${route}\n${canonical}`).digest('hex');
}

async function replay<T>(
  db: Db,
  owner: { ownerId: string; route: string; key: string },
  hash: string,
): Promise<Replayable<T> | undefined> {
  const stored = await findIdempotentResponse(db, owner);
  if (stored === undefined) return undefined;
  if (stored.requestHash !== hash) {
    throw new InvalidInputError(
      'idempotency_key_reused',
      'This Idempotency-Key was already used with a different request. Use a new key for a new booking.',
    );
  }
  return { statusCode: stored.statusCode, body: stored.responseBody as T, replayed: true };
}

/**
 * Runs `work` in a transaction that first claims the key, stores its answer and
 * commits both together. A request racing on the same key replays the winner's.
 */
async function idempotently<T>(
  database: Database,
  owner: { ownerId: string; route: string; key: string },
  hash: string,
  work: (tx: Db) => Promise<T>,
): Promise<Replayable<T>> {
  // Callers have already answered a plain replay; a request racing on the same key
  // meets the key row below (unique violation) and replays the winner's answer.
  try {
    const body = await database.db.transaction(async (transaction) => {
      const tx = transaction as unknown as Db;
      await claimIdempotencyKey(tx, owner, hash);
      const result = await work(tx);
      await storeIdempotentResponse(tx, owner, 201, result);
      return result;
    });
    return { statusCode: 201, body, replayed: false };
  } catch (error) {
    const state = sqlState(error);
    if (state === UNIQUE_VIOLATION) {
      const winner = await replay<T>(database.db, owner, hash);
      if (winner !== undefined) return winner;
    }
    if (state === EXCLUSION_VIOLATION) throw slotUnavailable();
    throw error;
  }
}

// --- availability -------------------------------------------------------------------

export async function searchAvailability(
  db: Db,
  clinicId: string,
  query: { serviceId: string; fromMs: number; toMs: number; practitionerId?: string | undefined },
  nowMs: number,
): Promise<AvailabilityResponse> {
  const fromMs = Math.max(query.fromMs, nowMs);
  const cached = await calendarCache(db).forSearch(clinicId, query.serviceId, fromMs, query.toMs, nowMs);
  // Another clinic's service and none at all answer alike.
  if (cached.setup === undefined) throw new NotFoundError('The service');
  const setup = cached.setup;
  const { practitioners } = cached;
  if (fromMs >= query.toMs) return { timeZone: setup.timeZone, slots: [], practitioners };
  const range = {
    from: isoUtc(fromMs),
    to: isoUtc(query.toMs),
    ...(query.practitionerId === undefined ? {} : { practitionerId: query.practitionerId }),
  };
  // The clinic's calendar as this node holds it (checked current above); a range
  // beyond the booking horizon reads the database instead.
  const slots =
    cached.index === undefined
      ? findSlots({
          ...schedulingContext(
            setup,
            await loadCalendar(db, clinicId, resourcesOf(setup), fromMs - AROUND_MS, query.toMs + AROUND_MS, nowMs),
            nowMs,
          ),
          ...range,
        })
      : findSlots(
          { ...schedulingContext(setup, { bookings: [], blocks: [], firstHoldExpiryMs: Infinity }, nowMs), ...range },
          { index: cached.index },
        );
  return { timeZone: setup.timeZone, slots: withPractitionerNames(slots, practitioners), practitioners };
}

// --- bookings ----------------------------------------------------------------------

export const BOOKINGS_ROUTE = 'POST /api/v1/bookings';
export const SERIES_ROUTE = 'POST /api/v1/series';

export async function createBooking(
  database: Database,
  caller: Caller,
  body: CreateBookingBody,
  idempotencyKey: string,
  nowMs: number,
  /** Sends the patient a confirmation with the calendar file (the HTTP route always does). */
  confirm?: ConfirmationMailer,
): Promise<Replayable<BookingView>> {
  const db = database.db;
  const startMs = parseInstant(body.start);
  const owner = { ownerId: caller.userId, route: BOOKINGS_ROUTE, key: idempotencyKey };
  const hash = requestHash(BOOKINGS_ROUTE, { ...body, start: isoUtc(startMs) });
  const earlier = await replay<BookingView>(db, owner, hash);
  if (earlier !== undefined) return earlier;

  const patientId = await bookingPatient(db, caller, body.patientId);
  const setup = await requireSetup(db, caller.clinicId, body.serviceId);
  checkBookableStart(setup, startMs, nowMs);
  const { service } = setup;
  // Someone else's hold, another clinic's and none at all answer alike (404, on the record).
  if (body.holdId !== undefined) await requireHoldOf(db, caller, body.holdId, patientId);

  let confirmation: string | undefined;
  const result = await idempotently(database, owner, hash, async (tx) => {
    const hold =
      body.holdId === undefined
        ? undefined
        : await lockHoldForBooking(tx, caller.clinicId, body.holdId, { ...body, patientId, startMs }, nowMs);
    await deleteExpiredHolds(tx, caller.clinicId, startMs - AROUND_MS, startMs + AROUND_MS, nowMs);
    const slot = await offeredSlotAt(tx, setup, caller.clinicId, startMs, nowMs, {
      practitionerId: hold?.practitionerId ?? body.practitionerId,
      ...(hold === undefined ? {} : { ignoreBookingIds: [hold.id] }),
    });
    if (slot === undefined) throw slotUnavailable();
    const row = await (hold === undefined ? insertBooking : confirmHold(caller, hold))(tx, {
      clinicId: caller.clinicId,
      serviceId: service.id,
      patientId,
      ...slotPlacement(service, slot, startMs),
      priceCents: service.priceCents,
      currency: service.currency,
      createdBy: caller.userId,
    });
    await recordAuditEvent(tx, caller.actor, {
      action: 'booking_created',
      outcome: 'allowed',
      resourceType: 'booking',
      resourceId: row.id,
      patientId,
    });
    // In the same transaction: the reminders and the confirmation exist exactly when the booking does.
    if (hold === undefined) {
      const times = reminderTimes(domainBooking(row), setup.reminderOffsetsHours, isoUtc(nowMs));
      await planNewReminders(tx, row, times);
    } else {
      await planReminders(tx, row.id, new Date(nowMs));
    }
    if (confirm !== undefined) confirmation = await enqueueBookingConfirmation(tx, confirm, [row.id]);
    return presentBooking(row, setup.timeZone);
  });
  if (confirmation !== undefined) await confirm?.mailer.requestDelivery(confirmation);
  return result;
}

/** A booking the caller may see: their own as a patient, any of the clinic's as staff; else 404 on the record. */
export async function visibleBooking(db: Db, caller: Caller, bookingId: string): Promise<BookingRow> {
  const row = await findBooking(db, caller.clinicId, bookingId);
  if (row === undefined || (caller.role === 'patient' && row.patientId !== caller.patientId)) {
    return denyAsNotFound(db, caller.actor, {
      what: 'The booking',
      resourceType: 'booking',
      resourceId: bookingId,
      patientId: row?.patientId,
    });
  }
  return row;
}

async function clinicZone(db: Db, clinicId: string, serviceId: string): Promise<string> {
  const setup = await loadSchedulingSetup(db, clinicId, serviceId);
  if (setup !== undefined) return setup.timeZone;
  return (await findClinicTimeZone(db, clinicId)) ?? 'UTC';
}

export async function readBooking(db: Db, caller: Caller, bookingId: string): Promise<BookingView> {
  const row = await visibleBooking(db, caller, bookingId);
  const names = await resourceNames(db, caller.clinicId, [row]);
  return presentBooking(row, await clinicZone(db, caller.clinicId, row.serviceId), names);
}

export async function listBookingsFor(
  db: Db,
  caller: Caller,
  timeZone: string,
  range: { fromMs: number; toMs: number },
): Promise<BookingView[]> {
  if (caller.role === 'patient' && caller.patientId === null) return [];
  const rows = await listBookings(db, caller.clinicId, {
    ...range,
    ...(caller.role === 'patient' && caller.patientId !== null ? { patientId: caller.patientId } : {}),
  });
  const names = await resourceNames(db, caller.clinicId, rows);
  return rows.map((row) => presentBooking(row, timeZone, names));
}

export type MoveOutcome = { kind: 'moved'; booking: BookingView } | { kind: 'stale'; currentVersion: number };

export async function moveBooking(
  database: Database,
  caller: Caller,
  bookingId: string,
  expectedVersion: number,
  body: MoveBookingBody,
  nowMs: number,
): Promise<MoveOutcome> {
  const db = database.db;
  const row = await visibleBooking(db, caller, bookingId);
  if (row.version !== expectedVersion) return { kind: 'stale', currentVersion: row.version };
  if (row.status !== 'active') throw new ConflictError('booking_cancelled', 'This booking is cancelled.');
  const setup = await requireSetup(db, caller.clinicId, row.serviceId);
  if (caller.role === 'patient') {
    // Staff may move inside the notice period; patients may not.
    const decision = canMove(domainBooking(row), setup.rules, isoUtc(nowMs));
    if (!decision.allowed) {
      throw new ConflictError(
        'notice_period',
        decision.reason === 'inside_notice' && decision.deadline !== null
          ? moveNoticeMessage(setup, decision.deadline)
          : decision.message,
      );
    }
  }
  const startMs = parseInstant(body.start);
  // A session of a series may go as far as the series horizon, as when it was booked.
  checkBookableStart(setup, startMs, nowMs, row.seriesId === null ? undefined : (row.seriesIndex ?? 1));
  // A session of a series keeps the series inside its windows (series-moves.ts).
  const inSeries = await moveSeriesSession(database, caller, { row, setup, expectedVersion, body, startMs, nowMs });
  if (inSeries !== undefined) return inSeries;
  const { service } = setup;
  try {
    return await db.transaction(async (transaction): Promise<MoveOutcome> => {
      const tx = transaction as unknown as Db;
      await deleteExpiredHolds(tx, caller.clinicId, startMs - AROUND_MS, startMs + AROUND_MS, nowMs);
      const slot = await offeredSlotAt(tx, setup, caller.clinicId, startMs, nowMs, {
        practitionerId: body.practitionerId,
        prefer: row.practitionerId,
        ignoreBookingIds: [row.id],
      });
      if (slot === undefined) throw slotUnavailable();
      const moved = await moveBookingRow(tx, row.id, expectedVersion, slotPlacement(service, slot, startMs));
      if (moved === undefined) {
        const current = await findBooking(tx, caller.clinicId, row.id);
        return { kind: 'stale', currentVersion: current?.version ?? expectedVersion };
      }
      await recordAuditEvent(tx, caller.actor, {
        action: 'booking_moved',
        outcome: 'allowed',
        resourceType: 'booking',
        resourceId: row.id,
        patientId: row.patientId,
      });
      // Reminders for the old start are dropped and new ones planned, in the same transaction.
      await planReminders(tx, row.id, new Date(nowMs));
      return { kind: 'moved', booking: presentBooking(moved, setup.timeZone) };
    });
  } catch (error) {
    if (sqlState(error) === EXCLUSION_VIOLATION) throw slotUnavailable();
    throw error;
  }
}

/**
 * The notice a patient's move missed, in the clinic's zone. booking_rules has one notice
 * (cancel_notice_hours) for moving and cancelling alike, and the message says so.
 */
function moveNoticeMessage(setup: SchedulingSetup, deadline: string): string {
  const minutes = setup.rules.moveNoticeMinutes;
  const hours = minutes % 60 === 0 ? `${minutes / 60} hours’` : `${minutes} minutes’`;
  const until = new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: setup.timeZone,
    timeZoneName: 'short',
  }).format(new Date(parseInstant(deadline)));
  return (
    `Moving needs ${hours} notice (the clinic’s cancellation notice, which also applies to moves). ` +
    `This visit could be moved until ${until} (${setup.timeZone}); please call the clinic.`
  );
}

export async function cancelBooking(
  database: Database,
  caller: Caller,
  bookingId: string,
  expectedVersion: number | undefined,
  nowMs: number,
): Promise<MoveOutcome> {
  const db = database.db;
  const row = await visibleBooking(db, caller, bookingId);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    return { kind: 'stale', currentVersion: row.version };
  }
  if (row.status !== 'active') throw new ConflictError('booking_cancelled', 'This booking is already cancelled.');
  const timeZone = await clinicZone(db, caller.clinicId, row.serviceId);
  if (caller.role === 'patient') {
    const setup = await loadSchedulingSetup(db, caller.clinicId, row.serviceId);
    const rules = setup?.rules ?? { cancellationNoticeMinutes: 24 * 60 };
    const decision = canCancel(domainBooking(row), rules, isoUtc(nowMs));
    if (!decision.allowed) throw new ConflictError('notice_period', decision.message);
  }
  return db.transaction(async (transaction): Promise<MoveOutcome> => {
    const tx = transaction as unknown as Db;
    const cancelled = await cancelBookingRow(tx, row.id, caller.userId);
    if (cancelled === undefined) throw new ConflictError('booking_cancelled', 'This booking is already cancelled.');
    await recordAuditEvent(tx, caller.actor, {
      action: 'booking_cancelled',
      outcome: 'allowed',
      resourceType: 'booking',
      resourceId: row.id,
      patientId: row.patientId,
    });
    return { kind: 'moved', booking: presentBooking(cancelled, timeZone) };
  });
}

// --- series -------------------------------------------------------------------------

export async function proposeSeriesFor(
  db: Db,
  clinicId: string,
  body: SeriesProposalBody,
  nowMs: number,
): Promise<SeriesProposalResponse> {
  const setup = await requireSetup(db, clinicId, body.serviceId);
  const earliestMs = Math.max(parseInstant(body.earliestStart), nowMs);
  const horizonDays = setup.rules.seriesMaxDaysAhead ?? SERIES_DEFAULT_DAYS;
  const calendar = await loadCalendar(
    db,
    clinicId,
    resourcesOf(setup),
    earliestMs - AROUND_MS,
    nowMs + (horizonDays + 2) * DAY_MS,
    nowMs,
  );
  const proposal = proposeSeries({
    ...schedulingContext(setup, calendar, nowMs),
    sessions: body.sessions,
    minGapDays: body.minGapDays,
    maxGapDays: body.maxGapDays,
    earliestStart: isoUtc(earliestMs),
    ...(body.practitionerId === undefined ? {} : { practitionerId: body.practitionerId, samePractitioner: true }),
  });
  if ('unavailable' in proposal) {
    throw new SessionConflictError(
      'series_unavailable',
      `Session ${proposal.unavailable.atSession}: ${proposal.unavailable.message}`,
      proposal.unavailable.atSession,
    );
  }
  const names = await practitionerNames(db, clinicId, setup);
  return {
    timeZone: setup.timeZone,
    sessions: withPractitionerNames(
      proposal.sessions.map((session) => ({ ...session, practitionerId: session.slot.practitionerId })),
      names,
    ).map((session) => ({
      index: session.index,
      windowStart: session.windowStart,
      windowEnd: session.windowEnd,
      start: session.slot.start,
      end: session.slot.end,
      practitionerId: session.slot.practitionerId,
      roomId: session.slot.roomId,
      deviceId: session.slot.deviceId,
      ...(session.practitionerName === undefined ? {} : { practitionerName: session.practitionerName }),
    })),
  };
}

export async function createSeries(
  database: Database,
  caller: Caller,
  body: CreateSeriesBody,
  idempotencyKey: string,
  nowMs: number,
  /** Sends the patient one confirmation for all sessions, with the calendar file. */
  confirm?: ConfirmationMailer,
): Promise<Replayable<SeriesResponse>> {
  const db = database.db;
  const starts = body.sessions.map((session) => parseInstant(session.start));
  const owner = { ownerId: caller.userId, route: SERIES_ROUTE, key: idempotencyKey };
  const hash = requestHash(SERIES_ROUTE, {
    ...body,
    sessions: body.sessions.map((session, index) => ({ ...session, start: isoUtc(starts[index]!) })),
  });
  const earlier = await replay<SeriesResponse>(db, owner, hash);
  if (earlier !== undefined) return earlier;

  const patientId = await bookingPatient(db, caller, body.patientId);
  const setup = await requireSetup(db, caller.clinicId, body.serviceId);
  const { service } = setup;
  starts.forEach((startMs, index) => {
    checkBookableStart(setup, startMs, nowMs, index + 1);
    if (index === 0) return;
    const gap = dayOf(localDateOf(setup.timeZone, startMs)) - dayOf(localDateOf(setup.timeZone, starts[index - 1]!));
    if (gap < body.minGapDays || gap > body.maxGapDays) {
      throw new InvalidInputError(
        'series_gap',
        `Session ${index + 1} is ${gap} days after session ${index}; the series needs ${body.minGapDays} to ${body.maxGapDays}.`,
      );
    }
  });
  const samePractitioner = new Set(body.sessions.map((session) => session.practitionerId)).size === 1;

  let current = 0;
  let confirmation: string | undefined;
  try {
    const result = await idempotently(database, owner, hash, async (tx) => {
      await deleteExpiredHolds(
        tx,
        caller.clinicId,
        Math.min(...starts) - AROUND_MS,
        Math.max(...starts) + AROUND_MS,
        nowMs,
      );
      const seriesId = await insertSeries(tx, {
        clinicId: caller.clinicId,
        patientId,
        serviceId: service.id,
        sessions: body.sessions.length,
        minGapDays: body.minGapDays,
        maxGapDays: body.maxGapDays,
        samePractitioner,
        createdBy: caller.userId,
      });
      const rows: BookingRow[] = [];
      for (const [index, session] of body.sessions.entries()) {
        current = index + 1;
        const startMs = starts[index]!;
        const slot = await offeredSlotAt(tx, setup, caller.clinicId, startMs, nowMs, {
          practitionerId: session.practitionerId,
          // As proposals and checkBookableStart do: the series horizon, not the single-booking one.
          maxDaysAhead: setup.rules.seriesMaxDaysAhead ?? SERIES_DEFAULT_DAYS,
        });
        if (slot === undefined) throw slotUnavailable(current);
        rows.push(
          await insertBooking(tx, {
            clinicId: caller.clinicId,
            serviceId: service.id,
            patientId,
            ...slotPlacement(service, slot, startMs),
            priceCents: service.priceCents,
            currency: service.currency,
            seriesId,
            seriesIndex: current,
            createdBy: caller.userId,
          }),
        );
      }
      await recordAuditEvent(tx, caller.actor, {
        action: 'series_created',
        outcome: 'allowed',
        resourceType: 'booking_series',
        resourceId: seriesId,
        patientId,
      });
      for (const row of rows) {
        await recordAuditEvent(tx, caller.actor, {
          action: 'booking_created',
          outcome: 'allowed',
          resourceType: 'booking',
          resourceId: row.id,
          patientId,
        });
        await planReminders(tx, row.id, new Date(nowMs));
      }
      if (confirm !== undefined) {
        confirmation = await enqueueBookingConfirmation(
          tx,
          confirm,
          rows.map((row) => row.id),
        );
      }
      return {
        id: seriesId,
        timeZone: setup.timeZone,
        bookings: rows.map((row) => presentBooking(row, setup.timeZone)),
      };
    });
    if (confirmation !== undefined) await confirm?.mailer.requestDelivery(confirmation);
    return result;
  } catch (error) {
    // An overlap found by the constraint names the session being inserted.
    if (
      error instanceof ConflictError &&
      error.code === 'slot_unavailable' &&
      !(error instanceof SessionConflictError)
    ) {
      throw slotUnavailable(current);
    }
    throw error;
  }
}
