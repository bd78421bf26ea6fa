// Moving one session of a booked treatment series (issue 6: "moving one session keeps
// the later ones inside their windows, or proposes new dates for them").
//
// - The moved session must stay inside its own window after the previous session
//   (and with the series' practitioner when the series keeps one): else 409
//   series_window, nothing proposed.
// - When the next session stays inside its window, the later ones do too (their gaps
//   do not change): the move happens on its own, as for any booking.
// - When it does not, the domain's reflowSeries proposes new dates for the later
//   sessions that leave their windows. Without `reflow: true` the answer is 409
//   series_window carrying that proposal; with it, this session and the rescheduled
//   ones move in one transaction, each with its own version check, or none does.
//   A time taken meanwhile is 409 slot_unavailable naming the session; a session
//   changed meanwhile is 412 naming it.
import type { Database, Db } from '../../../db/database.ts';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import { planReminders } from '../../../db/repositories/booking-reminders.ts';
import {
  findSeries,
  listActiveSeriesBookings,
  resourceNames,
  type SeriesRow,
} from '../../../db/repositories/booking-series.ts';
import {
  EXCLUSION_VIOLATION,
  deleteExpiredHolds,
  findBooking,
  loadCalendar,
  moveBookingRow,
  sqlState,
  type BookingRow,
  type SchedulingSetup,
} from '../../../db/repositories/scheduling.ts';
import type { MoveBookingBody, ReflowProposal, ReflowSessionView } from '../../../domain/contracts/scheduling.ts';
import { ConflictError } from '../../../domain/errors.ts';
import { formatInstant, localDateOf, parseInstant, reflowSeries, type Slot } from '../../../domain/scheduling/index.ts';
import {
  AROUND_MS,
  SessionConflictError,
  domainBooking,
  offeredSlotAt,
  presentBooking,
  resourcesOf,
  schedulingContext,
  slotPlacement,
  type Caller,
  type MoveOutcome,
} from './commands.ts';

const DAY_MS = 86_400_000;
const SERIES_DEFAULT_DAYS = 365;

/** 409 series_window: the move would take a session out of its window; with a proposal when one exists. */
export class SeriesWindowError extends ConflictError {
  constructor(
    message: string,
    readonly sessionIndex: number,
    readonly proposal?: ReflowProposal,
  ) {
    super('series_window', message);
  }
}

/** 412 for a later session of the series that changed since the proposal (or meanwhile). */
export class SeriesSessionStaleError extends Error {
  constructor(
    readonly sessionIndex: number,
    readonly currentVersion: number | undefined,
  ) {
    super(`Session ${sessionIndex} changed meanwhile. Reload the series and try again.`);
  }
}

/** The moved booking itself went stale inside the transaction: rolls everything back, answered 412. */
class MovedStale extends Error {
  constructor(readonly currentVersion: number) {
    super('stale');
  }
}

// --- dates in the clinic's zone --------------------------------------------------

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function localDay(timeZone: string, ms: number): number {
  return dayNumber(localDateOf(timeZone, ms));
}

const dateWords = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Tue, Dec 1, 2026": a local date of the clinic, in words. */
function dayWords(day: number): string {
  return dateWords.format(new Date(day * DAY_MS));
}

// --- availability with the series horizon -------------------------------------------

function seriesDays(setup: SchedulingSetup): number {
  return setup.rules.seriesMaxDaysAhead ?? Math.max(SERIES_DEFAULT_DAYS, setup.rules.maxDaysAhead);
}

/** The slot offered at exactly `startMs` now; sessions of a series may reach the series horizon, as when booked. */
function offeredAt(
  db: Db,
  setup: SchedulingSetup,
  clinicId: string,
  startMs: number,
  nowMs: number,
  choice: { practitionerId?: string | undefined; prefer?: string; ignore: readonly string[] },
): Promise<Slot | undefined> {
  return offeredSlotAt(db, setup, clinicId, startMs, nowMs, {
    practitionerId: choice.practitionerId,
    ...(choice.prefer === undefined ? {} : { prefer: choice.prefer }),
    ignoreBookingIds: choice.ignore,
    maxDaysAhead: seriesDays(setup),
  });
}

// --- the move ------------------------------------------------------------------------

interface PlannedMove {
  row: BookingRow;
  /** 1-based session number (seriesIndex). */
  index: number;
  slot: Slot;
  version: number;
}

interface SeriesMoveInput {
  row: BookingRow;
  setup: SchedulingSetup;
  expectedVersion: number;
  body: MoveBookingBody;
  startMs: number;
  nowMs: number;
}

function sessionNumber(row: BookingRow, position: number): number {
  return row.seriesIndex ?? position + 1;
}

/** Whether `next` may follow a session on `afterDay` given by `practitionerId`. */
function inWindow(
  series: SeriesRow,
  timeZone: string,
  afterDay: number,
  practitionerId: string,
  next: { startMs: number; practitionerId: string },
): boolean {
  const gap = localDay(timeZone, next.startMs) - afterDay;
  return (
    gap >= series.minGapDays &&
    gap <= series.maxGapDays &&
    (!series.samePractitioner || next.practitionerId === practitionerId)
  );
}

/**
 * Moves a session of a series, keeping the series inside its windows (see the top of
 * this file). Undefined when the booking is not (or no longer) part of an active
 * series: the caller moves it as any booking.
 */
export async function moveSeriesSession(
  database: Database,
  caller: Caller,
  input: SeriesMoveInput,
): Promise<MoveOutcome | undefined> {
  const db = database.db;
  const { row, setup, body, startMs, nowMs } = input;
  if (row.seriesId === null) return undefined;
  const series = await findSeries(db, caller.clinicId, row.seriesId);
  if (series === undefined) return undefined;
  const sessions = await listActiveSeriesBookings(db, caller.clinicId, series.id);
  const position = sessions.findIndex((session) => session.id === row.id);
  if (position < 0) return undefined;
  const zone = setup.timeZone;
  const index = sessionNumber(row, position);
  const previous = sessions[position - 1];
  const next = sessions[position + 1];
  const allIds = sessions.map((session) => session.id);

  // A series that keeps one practitioner keeps them unless staff name another.
  const practitionerId =
    body.practitionerId ?? (series.samePractitioner && sessions.length > 1 ? row.practitionerId : undefined);
  const slot = await offeredAt(db, setup, caller.clinicId, startMs, nowMs, {
    practitionerId,
    prefer: row.practitionerId,
    ignore: body.reflow === true ? allIds : [row.id],
  });
  if (slot === undefined)
    throw new ConflictError('slot_unavailable', 'That time is no longer free. Pick another slot.');
  const movedDay = localDay(zone, startMs);

  if (previous !== undefined) {
    const previousDay = localDay(zone, previous.startsAt.getTime());
    const previousIndex = sessionNumber(previous, position - 1);
    if (
      !inWindow(series, zone, previousDay, previous.practitionerId, { startMs, practitionerId: slot.practitionerId })
    ) {
      const sameDays = `${series.minGapDays}–${series.maxGapDays} days after session ${previousIndex} (${dayWords(previousDay)})`;
      const gap = movedDay - previousDay;
      const message =
        gap < series.minGapDays || gap > series.maxGapDays
          ? `Session ${index} must fall between ${dayWords(previousDay + series.minGapDays)} and ` +
            `${dayWords(previousDay + series.maxGapDays)}, ${sameDays}, on the clinic's calendar (${zone}). ` +
            'Pick a date in that window.'
          : `Session ${index} stays with the practitioner who gives this series. Pick one of their times.`;
      throw new SeriesWindowError(message, index);
    }
  }

  const keepsNext =
    next === undefined ||
    inWindow(series, zone, movedDay, slot.practitionerId, {
      startMs: next.startsAt.getTime(),
      practitionerId: next.practitionerId,
    });
  if (keepsNext) {
    return applyMoves(database, caller, input, [{ row, index, slot, version: input.expectedVersion }], [row.id]);
  }

  const proposal = await proposeReflow(db, caller.clinicId, setup, series, sessions, position, slot, nowMs);
  const nextIndex = sessionNumber(next, position + 1);
  if (proposal === undefined) {
    throw new SeriesWindowError(
      `Moving session ${index} there would put session ${nextIndex} outside its window, and no free dates fit ` +
        'the later sessions. Pick another time.',
      nextIndex,
    );
  }
  if (body.reflow !== true) {
    const rescheduled = proposal.sessions.filter((session) => session.change === 'rescheduled');
    throw new SeriesWindowError(
      `Moving session ${index} to ${dayWords(movedDay)} would put ` +
        `${rescheduled.map((session) => `session ${session.index}`).join(' and ')} outside ` +
        `${rescheduled.length === 1 ? 'its window' : 'their windows'} (${series.minGapDays}–${series.maxGapDays} days ` +
        `after the session before). Nothing has moved yet: new dates are proposed for ` +
        `${rescheduled.length === 1 ? 'it' : 'them'}, to move together with session ${index}.`,
      nextIndex,
      proposal,
    );
  }

  const later = acceptedLaterMoves(series, zone, sessions, position, slot, proposal, body);
  const moves: PlannedMove[] = [{ row, index, slot, version: input.expectedVersion }, ...later];
  return applyMoves(
    database,
    caller,
    input,
    moves,
    moves.map((move) => move.row.id),
  );
}

async function proposeReflow(
  db: Db,
  clinicId: string,
  setup: SchedulingSetup,
  series: SeriesRow,
  sessions: readonly BookingRow[],
  position: number,
  slot: Slot,
  nowMs: number,
): Promise<ReflowProposal | undefined> {
  const startMs = parseInstant(slot.start);
  const calendar = await loadCalendar(
    db,
    clinicId,
    resourcesOf(setup),
    Math.min(startMs, nowMs) - AROUND_MS,
    nowMs + (seriesDays(setup) + 2) * DAY_MS,
    nowMs,
  );
  const result = reflowSeries({
    ...schedulingContext(setup, calendar, nowMs, []),
    minGapDays: series.minGapDays,
    maxGapDays: series.maxGapDays,
    samePractitioner: series.samePractitioner,
    series: sessions.map(domainBooking),
    move: { index: position + 1, slot },
  });
  if ('unavailable' in result) return undefined;
  const names = await resourceNames(
    db,
    clinicId,
    result.sessions.map((session) => session.slot),
  );
  const views: ReflowSessionView[] = result.sessions.map((session, at) => {
    const current = sessions[at]!;
    const name = names.people.get(session.slot.practitionerId);
    // Session 1's window has no previous session: it opens where the domain says (today).
    return {
      index: sessionNumber(current, at),
      bookingId: current.id,
      change: session.change,
      windowStart: session.windowStart,
      windowEnd: session.windowEnd,
      currentStart: formatInstant(setup.timeZone, current.startsAt.getTime()),
      start: formatInstant(setup.timeZone, parseInstant(session.slot.start)),
      end: formatInstant(setup.timeZone, parseInstant(session.slot.end)),
      practitionerId: session.slot.practitionerId,
      ...(name === undefined ? {} : { practitionerName: name }),
      roomId: session.slot.roomId === '' ? null : session.slot.roomId,
      deviceId: session.slot.deviceId,
      version: current.version,
    };
  });
  return { timeZone: setup.timeZone, sessions: views };
}

/**
 * The later sessions to move: those the client accepted (laterSessions), checked against
 * the series' windows, or else the server's own proposal.
 */
function acceptedLaterMoves(
  series: SeriesRow,
  zone: string,
  sessions: readonly BookingRow[],
  position: number,
  moved: Slot,
  proposal: ReflowProposal,
  body: MoveBookingBody,
): PlannedMove[] {
  const byId = new Map(sessions.map((session, at) => [session.id, { session, at }]));
  if (body.laterSessions === undefined) {
    return proposal.sessions
      .filter((session) => session.change === 'rescheduled')
      .map((session) => {
        const { session: row } = byId.get(session.bookingId)!;
        return {
          row,
          index: session.index,
          version: row.version,
          slot: {
            start: session.start,
            end: session.end,
            practitionerId: session.practitionerId,
            roomId: session.roomId ?? '',
            deviceId: session.deviceId,
          },
        };
      });
  }
  const accepted = new Map<string, { start: string; practitionerId: string; version: number }>();
  for (const entry of body.laterSessions) {
    const found = byId.get(entry.bookingId);
    if (found === undefined || found.at <= position || accepted.has(entry.bookingId)) {
      // Not a later session of this series (another patient's booking answers the same).
      throw new SeriesWindowError(
        'laterSessions may only name the later sessions of this series, once each. Ask for a new proposal.',
        sessionNumber(sessions[position]!, position),
        proposal,
      );
    }
    accepted.set(entry.bookingId, entry);
  }
  // The series as it would be: every later session inside its window after the previous one.
  let afterDay = localDay(zone, parseInstant(moved.start));
  let practitioner = moved.practitionerId;
  const moves: PlannedMove[] = [];
  for (let at = position + 1; at < sessions.length; at++) {
    const row = sessions[at]!;
    const choice = accepted.get(row.id);
    const startMs = choice === undefined ? row.startsAt.getTime() : parseInstant(choice.start);
    const practitionerId = choice === undefined ? row.practitionerId : choice.practitionerId;
    if (!inWindow(series, zone, afterDay, practitioner, { startMs, practitionerId })) {
      throw new SeriesWindowError(
        `Session ${sessionNumber(row, at)} would fall outside its window. The proposal has dates that fit.`,
        sessionNumber(row, at),
        proposal,
      );
    }
    if (choice !== undefined) {
      moves.push({
        row,
        index: sessionNumber(row, at),
        version: choice.version,
        // Room, device and end are chosen again when the move is made.
        slot: { start: choice.start, end: choice.start, practitionerId, roomId: '', deviceId: null },
      });
    }
    afterDay = localDay(zone, startMs);
    practitioner = practitionerId;
  }
  return moves;
}

/** Makes the moves in one transaction: all or none. The first entry is the booking of the request. */
async function applyMoves(
  database: Database,
  caller: Caller,
  input: SeriesMoveInput,
  moves: readonly PlannedMove[],
  movingIds: readonly string[],
): Promise<MoveOutcome> {
  const { setup, nowMs } = input;
  const { service } = setup;
  const starts = moves.map((move) => parseInstant(move.slot.start));
  let current = moves[0]!.index;
  try {
    return await database.db.transaction(async (transaction): Promise<MoveOutcome> => {
      const tx = transaction as unknown as Db;
      await deleteExpiredHolds(
        tx,
        caller.clinicId,
        Math.min(...starts) - AROUND_MS,
        Math.max(...starts) + AROUND_MS,
        nowMs,
      );
      // Later sessions first, from the last: a series moved later frees the time ahead of it.
      const order = [...moves.keys()].reverse();
      let movedView: MoveOutcome | undefined;
      for (const at of order) {
        const move = moves[at]!;
        current = move.index;
        const startMs = starts[at]!;
        // Checked again against the calendar as it is now, as every booking write is.
        const slot = await offeredAt(tx, setup, caller.clinicId, startMs, nowMs, {
          practitionerId: move.slot.practitionerId,
          ignore: movingIds,
        });
        if (slot === undefined) throw taken(moves.length, move.index);
        const updated = await moveBookingRow(tx, move.row.id, move.version, {
          ...slotPlacement(service, slot, startMs),
          roomId: slot.roomId === '' ? null : slot.roomId,
        });
        if (updated === undefined) {
          const version = (await findBooking(tx, caller.clinicId, move.row.id))?.version;
          if (at === 0) throw new MovedStale(version ?? move.version);
          throw new SeriesSessionStaleError(move.index, version);
        }
        await recordAuditEvent(tx, caller.actor, {
          action: 'booking_moved',
          outcome: 'allowed',
          resourceType: 'booking',
          resourceId: move.row.id,
          patientId: move.row.patientId,
        });
        await planReminders(tx, move.row.id, new Date(nowMs));
        if (at === 0) movedView = { kind: 'moved', booking: presentBooking(updated, setup.timeZone) };
      }
      if (moves.length > 1) {
        await recordAuditEvent(tx, caller.actor, {
          action: 'series_reflowed',
          outcome: 'allowed',
          resourceType: 'booking_series',
          resourceId: moves[0]!.row.seriesId ?? moves[0]!.row.id,
          patientId: moves[0]!.row.patientId,
        });
      }
      return movedView!;
    });
  } catch (error) {
    if (error instanceof MovedStale) return { kind: 'stale', currentVersion: error.currentVersion };
    if (sqlState(error) === EXCLUSION_VIOLATION) throw taken(moves.length, current);
    throw error;
  }
}

/** 409 slot_unavailable: as for any booking when one session moves, naming the session when several do. */
function taken(moving: number, index: number): ConflictError {
  if (moving === 1) return new ConflictError('slot_unavailable', 'That time is no longer free. Pick another slot.');
  return new SessionConflictError(
    'slot_unavailable',
    `Session ${index}: that time is no longer free. Nothing was moved; ask for a new proposal.`,
    index,
  );
}
