// Treatment series: N sessions, each a whole number of calendar days (in the clinic's
// zone) after the previous session's start, within [minGapDays, maxGapDays].
//
// The search is a depth-first search over days in chronological order, so the first
// complete series it meets is the earliest one (compared session by session). It
// backtracks: when no later session fits after a choice, the next choice is tried.
// It stays bounded because whether sessions k..N can still be placed depends only on
// the local day of session k − 1 and, when the practitioner must stay the same, on
// who that is (sessions are at least a day apart, so they never compete for the same
// time or daily cap). Each such state is explored at most once: a failure is
// remembered and never searched again. The work is therefore at most
// sessions × horizon days × (practitioners + 1) states, each looking at one window of
// days; `maxSearchSteps` caps the slots examined on top of that.
import { InvalidInputError } from '../errors.ts';
import {
  horizonEndMs,
  prepareContext,
  slotsOnDay,
  toSlot,
  type PreparedContext,
  type SlotTimes,
} from './availability.ts';
import type { Booking, Instant, IsoDate, SchedulingContext, Slot } from './types.ts';
import { DAY_MS, dateOfDay, localDayOf, parseInstant } from './zoned-time.ts';

const DEFAULT_SERIES_DAYS = 365;
const DEFAULT_MAX_STEPS = 200_000;

export interface SeriesGaps {
  /** Calendar days from one session's start date to the next one's, at least (≥ 1). */
  minGapDays: number;
  /** ... and at most. */
  maxGapDays: number;
  /** Keep one practitioner for the whole series. */
  samePractitioner?: boolean;
  /** Upper bound on the slots the search examines (default 200 000). */
  maxSearchSteps?: number;
}

export interface SeriesInput extends SchedulingContext, SeriesGaps {
  /** Number of sessions (≥ 1). */
  sessions: number;
  /** Session 1 starts at or after this instant (and after the minimum notice). */
  earliestStart: Instant;
  /** Only this practitioner. */
  practitionerId?: string;
}

export interface SeriesSession {
  /** 1-based. */
  index: number;
  /**
   * Local dates the session may fall on: for session 1 from the earliest start to
   * the series horizon; for later ones the previous session's date + [min, max] days.
   */
  windowStart: IsoDate;
  windowEnd: IsoDate;
  slot: Slot;
}

export type SeriesUnavailableReason =
  /** No slot in the session's window fits (for every earlier choice that was tried). */
  | 'no_slot_in_window'
  /** The window reaches past the series horizon (BookingRules.seriesMaxDaysAhead) and nothing fits before it. */
  | 'beyond_horizon'
  /** The search examined maxSearchSteps slots without an answer. */
  | 'search_limit'
  /** reflowSeries: the moved session would leave its own window. */
  | 'outside_window'
  /** reflowSeries: the moved session would change the practitioner of a same-practitioner series. */
  | 'different_practitioner';

export interface SeriesUnavailable {
  unavailable: { atSession: number; reason: SeriesUnavailableReason; message: string };
}

export type SeriesProposal = { sessions: SeriesSession[] } | SeriesUnavailable;

function validateGaps(gaps: SeriesGaps): void {
  const { minGapDays, maxGapDays } = gaps;
  if (!Number.isInteger(minGapDays) || minGapDays < 1 || !Number.isInteger(maxGapDays) || maxGapDays < minGapDays) {
    throw new InvalidInputError(
      'invalid_series',
      'Gaps must be whole days with 1 ≤ minGapDays ≤ maxGapDays (sessions of one series are on different days).',
    );
  }
  if (gaps.maxSearchSteps !== undefined && (!Number.isInteger(gaps.maxSearchSteps) || gaps.maxSearchSteps < 1)) {
    throw new InvalidInputError('invalid_series', 'maxSearchSteps must be a positive whole number.');
  }
}

class SearchLimit extends Error {}

function seriesDays(rules: SchedulingContext['rules']): number {
  const days = rules.seriesMaxDaysAhead ?? Math.max(DEFAULT_SERIES_DAYS, rules.maxDaysAhead);
  if (!Number.isInteger(days) || days < 0) {
    throw new InvalidInputError('invalid_series', 'seriesMaxDaysAhead must be a whole number of days.');
  }
  return days;
}

/** The time a series search can reach: from the earliest start (or now) to the series horizon, with a margin. */
function seriesRelevance(input: SchedulingContext, earliestMs: number) {
  const nowMs = parseInstant(input.now);
  return { fromMs: Math.min(earliestMs, nowMs) - DAY_MS, toMs: nowMs + (seriesDays(input.rules) + 2) * DAY_MS };
}

interface Failure {
  atSession: number;
  beyondHorizon: boolean;
}

/** Shared machinery of proposeSeries and reflowSeries. */
class SeriesSearch {
  readonly horizonDay: number;
  readonly horizonMs: number;
  private steps = 0;
  private readonly maxSteps: number;
  private readonly failed = new Set<string>();
  deepest: Failure = { atSession: 1, beyondHorizon: false };

  constructor(
    readonly prepared: PreparedContext,
    readonly input: SchedulingContext & SeriesGaps,
  ) {
    const days = seriesDays(input.rules);
    this.horizonDay = prepared.todayDay + days;
    this.horizonMs = horizonEndMs(prepared, days);
    this.maxSteps = input.maxSearchSteps ?? DEFAULT_MAX_STEPS;
  }

  step(): void {
    if (++this.steps > this.maxSteps) throw new SearchLimit();
  }

  noteFailure(atSession: number, windowEndDay: number): void {
    const beyondHorizon = windowEndDay > this.horizonDay;
    if (atSession > this.deepest.atSession) this.deepest = { atSession, beyondHorizon };
    else if (atSession === this.deepest.atSession && beyondHorizon) this.deepest.beyondHorizon = true;
  }

  /** Memo of states from which the rest of the series cannot be placed. */
  hasFailed(key: string): boolean {
    return this.failed.has(key);
  }

  markFailed(key: string): void {
    this.failed.add(key);
  }

  /** Slots on `day` within the horizon, from `notBeforeMs`, of `practitioner` when given. */
  *candidates(day: number, practitioner: string | null, notBeforeMs: number): Generator<SlotTimes> {
    for (const slot of slotsOnDay(this.prepared, day)) {
      this.step();
      if (slot.startMs < notBeforeMs || slot.startMs >= this.horizonMs) continue;
      if (practitioner !== null && slot.practitionerId !== practitioner) continue;
      yield slot;
    }
  }

  unavailable(extra?: SeriesUnavailableReason): SeriesUnavailable {
    const { atSession, beyondHorizon } = this.deepest;
    const reason = extra ?? (beyondHorizon ? 'beyond_horizon' : 'no_slot_in_window');
    const messages: Record<SeriesUnavailableReason, string> = {
      no_slot_in_window: `No free time for session ${atSession} inside its window.`,
      beyond_horizon: `Session ${atSession} would fall after the last date the clinic books series for.`,
      search_limit: `The search stopped after ${this.maxSteps} candidate slots without finding a series.`,
      outside_window: `Session ${atSession} would leave its window after the previous session.`,
      different_practitioner: `Session ${atSession} must stay with the series' practitioner.`,
    };
    return { unavailable: { atSession, reason, message: messages[reason] } };
  }
}

/**
 * The earliest series (session 1 as early as possible, then session 2, and so on)
 * in which every session has a free slot, each gap is within the window and, when
 * asked, one practitioner gives every session. Sessions are at least one day apart,
 * so they never compete with each other for time.
 */
export function proposeSeries(input: SeriesInput): SeriesProposal {
  validateGaps(input);
  if (!Number.isInteger(input.sessions) || input.sessions < 1) {
    throw new InvalidInputError('invalid_series', 'A series has at least one session.');
  }
  const prepared = prepareContext(input, {
    practitionerId: input.practitionerId,
    relevance: seriesRelevance(input, parseInstant(input.earliestStart)),
  });
  const search = new SeriesSearch(prepared, input);
  const notBeforeMs = Math.max(parseInstant(input.earliestStart), prepared.earliestMs);
  const firstDay = localDayOf(prepared.zone, notBeforeMs);
  const same = input.samePractitioner === true;
  const total = input.sessions;

  /** Sessions `index`..total with session `index` on a day in [fromDay, toDay], or null. */
  const place = (index: number, fromDay: number, toDay: number, practitioner: string | null): SlotTimes[] | null => {
    for (let day = fromDay; day <= Math.min(toDay, search.horizonDay); day++) {
      for (const slot of search.candidates(day, practitioner, notBeforeMs)) {
        if (index === total) return [slot];
        const next = same ? slot.practitionerId : null;
        const key = `${index + 1}|${day}|${next ?? ''}`;
        if (search.hasFailed(key)) {
          if (!same) break; // the rest of this day ends the same way
          continue;
        }
        const rest = place(index + 1, day + input.minGapDays, day + input.maxGapDays, next);
        if (rest !== null) return [slot, ...rest];
        search.markFailed(key);
        if (!same) break;
      }
    }
    search.noteFailure(index, toDay);
    return null;
  };

  let chosen: SlotTimes[] | null;
  try {
    chosen = place(1, firstDay, search.horizonDay, null);
  } catch (error) {
    if (error instanceof SearchLimit) return search.unavailable('search_limit');
    throw error;
  }
  if (chosen === null) return search.unavailable();

  const sessions: SeriesSession[] = [];
  let previousDay: number | null = null;
  chosen.forEach((slot, position) => {
    const day = localDayOf(prepared.zone, slot.startMs);
    sessions.push({
      index: position + 1,
      windowStart: dateOfDay(previousDay === null ? firstDay : previousDay + input.minGapDays),
      windowEnd: dateOfDay(previousDay === null ? search.horizonDay : previousDay + input.maxGapDays),
      slot: toSlot(prepared.zone, slot),
    });
    previousDay = day;
  });
  return { sessions };
}

// ---------------------------------------------------------------------------------
// Moving one session of a booked series

export interface ReflowInput extends SchedulingContext, SeriesGaps {
  /** The series' bookings, in session order. Their current times do not block the search. */
  series: readonly Booking[];
  /** Session `index` (1-based) moves to `slot`. */
  move: { index: number; slot: Slot };
}

export type SessionChange =
  /** Before the moved session: untouched. */
  | 'unchanged'
  /** The session that was moved. */
  | 'moved'
  /** After it, still inside its window: stays where it is. */
  | 'kept'
  /** After it, outside its window: a new slot is proposed. */
  | 'rescheduled';

export interface ReflowSession extends SeriesSession {
  bookingId: string;
  change: SessionChange;
}

export type ReflowResult = { sessions: ReflowSession[] } | SeriesUnavailable;

interface Placed {
  slot: SlotTimes;
  change: SessionChange;
}

function bookingTimes(booking: Booking): SlotTimes {
  return {
    startMs: parseInstant(booking.start),
    endMs: parseInstant(booking.end),
    practitionerId: booking.practitionerId,
    roomId: booking.roomId,
    deviceId: booking.deviceId,
  };
}

/**
 * Moves one session and repairs the rest: earlier sessions never change; each later
 * session that is still inside its window after its (possibly new) predecessor is
 * kept; one that is not gets the earliest slot in its window from which the rest
 * of the series can still be kept or rescheduled, preferring a date that lets the
 * next session stay where it is.
 */
export function reflowSeries(input: ReflowInput): ReflowResult {
  validateGaps(input);
  const total = input.series.length;
  const movedIndex = input.move.index;
  if (!Number.isInteger(movedIndex) || movedIndex < 1 || movedIndex > total) {
    throw new InvalidInputError('invalid_series', `Session ${movedIndex} is not part of a ${total}-session series.`);
  }
  const prepared = prepareContext(
    {
      ...input,
      ignoreBookingIds: [...(input.ignoreBookingIds ?? []), ...input.series.map((booking) => booking.id)],
    },
    { relevance: seriesRelevance(input, parseInstant(input.now)) },
  );
  const zone = prepared.zone;
  const search = new SeriesSearch(prepared, input);
  const same = input.samePractitioner === true;
  const existing = input.series.map(bookingTimes);
  const dayOf = (slot: SlotTimes) => localDayOf(zone, slot.startMs);
  const moved: SlotTimes = {
    startMs: parseInstant(input.move.slot.start),
    endMs: parseInstant(input.move.slot.end),
    practitionerId: input.move.slot.practitionerId,
    roomId: input.move.slot.roomId,
    deviceId: input.move.slot.deviceId,
  };

  const previous = existing[movedIndex - 2];
  if (previous !== undefined) {
    const gap = dayOf(moved) - dayOf(previous);
    search.deepest = { atSession: movedIndex, beyondHorizon: false };
    if (gap < input.minGapDays || gap > input.maxGapDays) return search.unavailable('outside_window');
    if (same && moved.practitionerId !== previous.practitionerId) return search.unavailable('different_practitioner');
  }

  const fits = (slot: SlotTimes, afterDay: number, practitioner: string) =>
    dayOf(slot) - afterDay >= input.minGapDays &&
    dayOf(slot) - afterDay <= input.maxGapDays &&
    (!same || slot.practitionerId === practitioner);

  /** Sessions index..total after a predecessor on `afterDay` with `practitioner`. */
  const continueFrom = (index: number, afterDay: number, practitioner: string): Placed[] | null => {
    if (index > total) return [];
    const current = existing[index - 1]!;
    if (fits(current, afterDay, practitioner)) {
      const rest = attempt(index + 1, dayOf(current), current.practitionerId);
      if (rest !== null) return [{ slot: current, change: 'kept' }, ...rest];
    }
    const fromDay = afterDay + input.minGapDays;
    const toDay = afterDay + input.maxGapDays;
    // Days that let the next session stay where it is come first, then the others, each in date order.
    const following = existing[index];
    const days: number[] = [];
    if (following !== undefined) {
      const keepFrom = Math.max(fromDay, dayOf(following) - input.maxGapDays);
      const keepTo = Math.min(toDay, dayOf(following) - input.minGapDays);
      for (let day = keepFrom; day <= keepTo; day++) days.push(day);
    }
    const preferred = new Set(days);
    for (let day = fromDay; day <= toDay; day++) if (!preferred.has(day)) days.push(day);
    for (const day of days) {
      if (day > search.horizonDay) continue;
      for (const slot of search.candidates(day, same ? practitioner : null, 0)) {
        const rest = attempt(index + 1, day, slot.practitionerId);
        if (rest !== null) return [{ slot, change: 'rescheduled' }, ...rest];
        if (!same) break; // every slot of this day leads to the same state
      }
    }
    search.noteFailure(index, toDay);
    return null;
  };

  /** continueFrom, remembering the states from which the rest of the series cannot be placed. */
  const attempt = (index: number, afterDay: number, practitioner: string): Placed[] | null => {
    const key = `${index}|${afterDay}|${same ? practitioner : ''}`;
    if (search.hasFailed(key)) return null;
    const result = continueFrom(index, afterDay, practitioner);
    if (result === null) search.markFailed(key);
    return result;
  };

  let later: Placed[] | null;
  try {
    later = attempt(movedIndex + 1, dayOf(moved), moved.practitionerId);
  } catch (error) {
    if (error instanceof SearchLimit) return search.unavailable('search_limit');
    throw error;
  }
  if (later === null) return search.unavailable();

  const placed: Placed[] = [
    ...existing.slice(0, movedIndex - 1).map((slot) => ({ slot, change: 'unchanged' as const })),
    { slot: moved, change: 'moved' },
    ...later,
  ];
  let previousDay: number | null = null;
  return {
    sessions: placed.map(({ slot, change }, position) => {
      const day = dayOf(slot);
      const session: ReflowSession = {
        index: position + 1,
        bookingId: input.series[position]!.id,
        change,
        windowStart: dateOfDay(previousDay === null ? prepared.todayDay : previousDay + input.minGapDays),
        windowEnd: dateOfDay(previousDay === null ? search.horizonDay : previousDay + input.maxGapDays),
        slot: toSlot(zone, slot),
      };
      previousDay = day;
      return session;
    }),
  };
}
