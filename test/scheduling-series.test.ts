// Treatment series (proposeSeries, reflowSeries), waitlist matching, the notice
// policy and reminder times: examples for each rule, a series a greedy search misses,
// and properties, with a brute-force search as the oracle for "earliest".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../src/domain/clinical/iso-date.ts';
import { InvalidInputError } from '../src/domain/errors.ts';
import { benchAvailability } from '../src/domain/scheduling/bench.ts';
import {
  EXAMPLE_RULES,
  exampleBooking,
  exampleClinic,
  examplePractitioner,
  exampleRooms,
  exampleService,
  weeklyHours,
} from '../src/domain/scheduling/examples.ts';
import {
  canCancel,
  canMove,
  findSlots,
  proposeSeries,
  reflowSeries,
  reminderTimes,
  waitlistCandidates,
  wholeLocalDay,
  type Booking,
  type SchedulingContext,
  type SeriesInput,
  type SeriesSession,
  type Slot,
  type WaitlistEntry,
  type Weekday,
} from '../src/domain/scheduling/index.ts';
import { localDate } from '../src/domain/time-zone.ts';

const NY = 'America/New_York';

function context(overrides: Partial<SchedulingContext> = {}): SchedulingContext {
  return {
    clinic: exampleClinic(),
    service: exampleService({ practitionerIds: ['prac-a', 'prac-b'] }),
    practitioners: [examplePractitioner('prac-a')],
    rooms: exampleRooms(1),
    devices: [],
    bookings: [],
    rules: { ...EXAMPLE_RULES, seriesMaxDaysAhead: 365 },
    now: '2026-04-01T08:00:00-04:00',
    ...overrides,
  };
}

function series(overrides: Partial<SeriesInput> = {}): SeriesInput {
  return {
    ...context(),
    sessions: 3,
    minGapDays: 28,
    maxGapDays: 42,
    earliestStart: '2026-04-06T00:00:00-04:00',
    ...overrides,
  };
}

function sessionsOf(proposal: ReturnType<typeof proposeSeries>): SeriesSession[] {
  if ('unavailable' in proposal) throw new Error(`no series: ${JSON.stringify(proposal.unavailable)}`);
  return proposal.sessions;
}

/** A whole local day off for a practitioner. */
const dayOff = (date: string) => wholeLocalDay(NY, date);

/** What a greedy search would do: each session at the earliest free slot of its window, never revising. */
function greedySeries(input: SeriesInput): Slot[] | null {
  const chosen: Slot[] = [];
  let windowFrom = input.earliestStart;
  let windowTo = wholeLocalDay(NY, addDays(localDate(NY, new Date(input.earliestStart)), 365)).end;
  for (let index = 0; index < input.sessions; index++) {
    const slot = findSlots({
      ...input,
      from: windowFrom,
      to: windowTo,
      rules: { ...input.rules, maxDaysAhead: 400 },
    }).find(
      (candidate) =>
        !input.samePractitioner || chosen.length === 0 || candidate.practitionerId === chosen[0]!.practitionerId,
    );
    if (slot === undefined) return null;
    chosen.push(slot);
    const date = slot.start.slice(0, 10);
    windowFrom = wholeLocalDay(NY, addDays(date, input.minGapDays)).start;
    windowTo = wholeLocalDay(NY, addDays(date, input.maxGapDays)).end;
  }
  return chosen;
}

describe('proposeSeries', () => {
  it('proposes the earliest series, each session inside its window', () => {
    const sessions = sessionsOf(proposeSeries(series()));
    expect(
      sessions.map((session) => [session.index, session.slot.start, session.windowStart, session.windowEnd]),
    ).toEqual([
      [1, '2026-04-06T09:00:00-04:00', '2026-04-06', '2027-04-01'],
      [2, '2026-05-04T09:00:00-04:00', '2026-05-04', '2026-05-18'],
      [3, '2026-06-01T09:00:00-04:00', '2026-06-01', '2026-06-15'],
    ]);
  });

  it('moves a session that would land on a day without hours to the next open day in its window', () => {
    // 28 days after Wednesday 8 April is a Wednesday; the practitioner works Monday to Thursday only.
    const practitioner = examplePractitioner('prac-a', {
      weeklyHours: weeklyHours([{ start: '09:00', end: '17:00' }], ['mon', 'tue', 'wed', 'thu']),
    });
    const sessions = sessionsOf(
      proposeSeries(
        series({
          practitioners: [practitioner],
          earliestStart: '2026-04-09T12:00:00-04:00',
          minGapDays: 29,
          sessions: 2,
        }),
      ),
    );
    // 9 April + 29 days = Friday 8 May: no hours, so Monday 11 May.
    expect(sessions.map((session) => session.slot.start)).toEqual([
      '2026-04-09T12:00:00-04:00',
      '2026-05-11T09:00:00-04:00',
    ]);
  });

  it('backtracks: revises session 1 when every choice for session 2 is impossible, where a greedy pick fails', () => {
    // Session 2 must fall 28 or 29 days after session 1. The practitioner is away on 4 and 5 May,
    // so a first session on 6 April (the earliest) leaves session 2 nowhere to go.
    const input = series({
      sessions: 2,
      minGapDays: 28,
      maxGapDays: 29,
      practitioners: [examplePractitioner('prac-a', { timeOff: [dayOff('2026-05-04'), dayOff('2026-05-05')] })],
    });
    expect(greedySeries(input)).toBeNull();
    expect(sessionsOf(proposeSeries(input)).map((session) => session.slot.start)).toEqual([
      '2026-04-07T09:00:00-04:00',
      '2026-05-06T09:00:00-04:00',
    ]);
  });

  it('backtracks over practitioners: keeps one practitioner throughout by choosing the one free later', () => {
    const input = series({
      sessions: 3,
      minGapDays: 28,
      maxGapDays: 28,
      samePractitioner: true,
      practitioners: [
        examplePractitioner('prac-a', { timeOff: [dayOff('2026-06-01')] }),
        examplePractitioner('prac-b'),
      ],
    });
    const greedy = greedySeries(input);
    expect(greedy).toBeNull(); // prac-a first (id order), then stuck on 1 June
    const sessions = sessionsOf(proposeSeries(input));
    expect(sessions.map((session) => [session.slot.start, session.slot.practitionerId])).toEqual([
      ['2026-04-06T09:00:00-04:00', 'prac-b'],
      ['2026-05-04T09:00:00-04:00', 'prac-b'],
      ['2026-06-01T09:00:00-04:00', 'prac-b'],
    ]);
    // Without the same-practitioner rule, prac-a starts and prac-b takes over on 1 June.
    const mixed = sessionsOf(proposeSeries({ ...input, samePractitioner: false }));
    expect(mixed.map((session) => session.slot.practitionerId)).toEqual(['prac-a', 'prac-a', 'prac-b']);
  });

  it('stays bounded where plain backtracking explodes: each (session, day, practitioner) is searched once', () => {
    // Eight starts a day, sessions 5-10 days apart, and no room for the sixth session before the
    // practitioner leaves on 27 April: plain backtracking would try about 48^5 combinations.
    const everyDay = weeklyHours([{ start: '09:00', end: '17:00' }], ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    const input = series({
      sessions: 6,
      minGapDays: 5,
      maxGapDays: 10,
      practitioners: [
        examplePractitioner('prac-a', {
          weeklyHours: everyDay,
          timeOff: [{ start: '2026-04-27T00:00:00-04:00', end: '2027-01-01T00:00:00-05:00' }],
        }),
      ],
      rules: { ...EXAMPLE_RULES, slotStepMinutes: 60, seriesMaxDaysAhead: 120 },
      maxSearchSteps: 5_000,
    });
    const proposal = proposeSeries(input);
    expect('unavailable' in proposal && proposal.unavailable.reason).toBe('no_slot_in_window');
    // With the same practitioner required the states multiply by practitioners, still within the budget.
    const same = proposeSeries({ ...input, samePractitioner: true });
    expect('unavailable' in same && same.unavailable.reason).toBe('no_slot_in_window');
  });

  it('keeps to one practitioner when asked for by id', () => {
    const input = series({ practitioners: [examplePractitioner('prac-a'), examplePractitioner('prac-b')] });
    const sessions = sessionsOf(proposeSeries({ ...input, practitionerId: 'prac-b' }));
    expect(sessions.every((session) => session.slot.practitionerId === 'prac-b')).toBe(true);
  });

  it('counts gaps in calendar days of the clinic zone, across a DST change', () => {
    const sunday = weeklyHours([{ start: '09:00', end: '10:00' }], ['sun']);
    const sessions = sessionsOf(
      proposeSeries(
        series({
          now: '2026-02-20T00:00:00-05:00',
          practitioners: [examplePractitioner('prac-a', { weeklyHours: sunday })],
          earliestStart: '2026-03-01T00:00:00-05:00',
          sessions: 2,
          minGapDays: 7,
          maxGapDays: 7,
        }),
      ),
    );
    // 7 calendar days, 167 real hours: 09:00 stays 09:00.
    expect(sessions.map((session) => session.slot.start)).toEqual([
      '2026-03-01T09:00:00-05:00',
      '2026-03-08T09:00:00-04:00',
    ]);
  });

  it('says which session cannot be placed, and why', () => {
    const noHours = proposeSeries(series({ practitioners: [examplePractitioner('prac-a', { weeklyHours: {} })] }));
    expect(noHours).toEqual({
      unavailable: { atSession: 1, reason: 'no_slot_in_window', message: expect.any(String) as string },
    });
    const tooFar = proposeSeries(series({ sessions: 12, rules: { ...EXAMPLE_RULES, seriesMaxDaysAhead: 200 } }));
    expect('unavailable' in tooFar && tooFar.unavailable).toMatchObject({ atSession: 8, reason: 'beyond_horizon' }); // 19 October, a day past the horizon
    const blocked = proposeSeries(
      series({
        sessions: 2,
        minGapDays: 28,
        maxGapDays: 28,
        practitioners: [
          examplePractitioner('prac-a', {
            timeOff: [{ start: '2026-05-04T00:00:00-04:00', end: '2026-07-01T00:00:00-04:00' }],
          }),
        ],
        rules: { ...EXAMPLE_RULES, seriesMaxDaysAhead: 60 },
      }),
    );
    expect('unavailable' in blocked && blocked.unavailable).toMatchObject({ atSession: 2 });
    const limited = proposeSeries({ ...series(), maxSearchSteps: 5, earliestStart: '2026-04-06T16:30:00-04:00' });
    expect('unavailable' in limited && limited.unavailable.reason).toBe('search_limit');
  });

  it('refuses a series whose sessions could share a day, and nonsense sizes', () => {
    expect(() => proposeSeries(series({ minGapDays: 0 }))).toThrow(InvalidInputError);
    expect(() => proposeSeries(series({ minGapDays: 30, maxGapDays: 20 }))).toThrow(InvalidInputError);
    expect(() => proposeSeries(series({ sessions: 0 }))).toThrow(InvalidInputError);
  });

  it('finds 6 sessions 4-6 weeks apart in the bench calendar quickly', () => {
    const figures = benchAvailability(undefined, { minimumMs: 0, minimumSearches: 3 });
    expect(figures.slotsPerSearch).toBeGreaterThan(0);
    expect(figures.seriesMs).toBeLessThan(100); // about 2 ms on an idle core; generous for a shared machine
  });
});

describe('reflowSeries', () => {
  const gaps = { minGapDays: 14, maxGapDays: 21 };
  const dates = ['2026-04-06', '2026-04-27', '2026-05-18', '2026-06-01'];
  const booked: Booking[] = dates.map((date, index) =>
    exampleBooking({
      id: `s${index + 1}`,
      start: `${date}T09:00:00-04:00`,
      end: `${date}T10:00:00-04:00`,
    }),
  );
  const slotAt = (date: string, time = '09:00', practitionerId = 'prac-a'): Slot => ({
    start: `${date}T${time}:00-04:00`,
    end: `${date}T${String(Number(time.slice(0, 2)) + 1).padStart(2, '0')}${time.slice(2)}:00-04:00`,
    practitionerId,
    roomId: 'room-1',
    deviceId: null,
  });
  const reflow = (index: number, slot: Slot, extra: Partial<SchedulingContext> & { samePractitioner?: boolean } = {}) =>
    reflowSeries({
      ...context({ bookings: booked, ...extra }),
      ...gaps,
      series: booked,
      move: { index, slot },
      ...extra,
    });
  const summary = (result: ReturnType<typeof reflowSeries>) => {
    if ('unavailable' in result) throw new Error(JSON.stringify(result.unavailable));
    return result.sessions.map((session) => [session.index, session.change, session.slot.start.slice(0, 10)]);
  };

  it('keeps later sessions that are still inside their windows', () => {
    expect(summary(reflow(3, slotAt('2026-05-12')))).toEqual([
      [1, 'unchanged', '2026-04-06'],
      [2, 'unchanged', '2026-04-27'],
      [3, 'moved', '2026-05-12'],
      [4, 'kept', '2026-06-01'],
    ]);
  });

  it('reschedules those that fall out, preferring a date that lets the next one stay', () => {
    // Session 2 moves 3 days earlier: session 3 would be 24 days after it (> 21). Its new window is
    // 8-15 May; 8 May is the earliest, but from 11 May on session 4 (1 June) stays inside its window.
    const result = reflow(2, slotAt('2026-04-24'));
    expect(summary(result)).toEqual([
      [1, 'unchanged', '2026-04-06'],
      [2, 'moved', '2026-04-24'],
      [3, 'rescheduled', '2026-05-11'],
      [4, 'kept', '2026-06-01'],
    ]);
    if (!('unavailable' in result)) {
      expect(result.sessions[2]).toMatchObject({ windowStart: '2026-05-08', windowEnd: '2026-05-15', bookingId: 's3' });
    }
  });

  it('reschedules a chain when needed', () => {
    // Session 1 moves to 1 April: session 2 (27 April) is now 26 days after it, and so on down the line.
    expect(summary(reflow(1, slotAt('2026-04-01')))).toEqual([
      [1, 'moved', '2026-04-01'],
      [2, 'rescheduled', '2026-04-15'],
      [3, 'rescheduled', '2026-04-29'],
      [4, 'rescheduled', '2026-05-13'],
    ]);
  });

  it('lets a rescheduled session take a time the series itself held before', () => {
    const tight = ['2026-04-06', '2026-04-20', '2026-05-04', '2026-05-18'].map((date, index) =>
      exampleBooking({ id: `t${index + 1}`, start: `${date}T09:00:00-04:00`, end: `${date}T10:00:00-04:00` }),
    );
    const away = examplePractitioner('prac-a', {
      timeOff: [{ start: '2026-05-11T00:00:00-04:00', end: '2026-05-18T00:00:00-04:00' }],
    });
    // Session 2 moves a week later; session 3's window is 11-18 May, free only on 18 May at 09:00,
    // which is where session 4 sits now; session 4 moves on in turn.
    const result = reflowSeries({
      ...context({ bookings: tight, practitioners: [away] }),
      ...gaps,
      series: tight,
      move: { index: 2, slot: slotAt('2026-04-27') },
    });
    expect(summary(result)).toEqual([
      [1, 'unchanged', '2026-04-06'],
      [2, 'moved', '2026-04-27'],
      [3, 'rescheduled', '2026-05-18'],
      [4, 'rescheduled', '2026-06-01'],
    ]);
    if (!('unavailable' in result)) expect(result.sessions[2]?.slot.start).toBe('2026-05-18T09:00:00-04:00');
  });

  it('refuses a move outside the session’s own window, or to another practitioner in a same-practitioner series', () => {
    expect(reflow(2, slotAt('2026-04-13'))).toMatchObject({ unavailable: { atSession: 2, reason: 'outside_window' } });
    expect(
      reflow(2, slotAt('2026-04-24', '09:00', 'prac-b'), {
        samePractitioner: true,
        practitioners: [examplePractitioner('prac-a'), examplePractitioner('prac-b')],
      }),
    ).toMatchObject({ unavailable: { atSession: 2, reason: 'different_practitioner' } });
  });

  it('says so when a later session has nowhere to go', () => {
    const away = examplePractitioner('prac-a', {
      timeOff: [{ start: '2026-05-08T00:00:00-04:00', end: '2026-06-20T00:00:00-04:00' }],
    });
    expect(reflow(2, slotAt('2026-04-24'), { practitioners: [away] })).toMatchObject({
      unavailable: { atSession: 3, reason: 'no_slot_in_window' },
    });
  });
});

describe('waitlistCandidates', () => {
  const entry = (id: string, overrides: Partial<WaitlistEntry> = {}): WaitlistEntry => ({
    id,
    patientId: `patient-${id}`,
    serviceId: 'microneedling-face',
    windowStart: '2026-05-01',
    windowEnd: '2026-05-15',
    waitingSince: '2026-03-01T10:00:00Z',
    ...overrides,
  });
  const freed = {
    start: '2026-05-15T23:30:00-04:00', // 16 May in UTC, 15 May in New York
    end: '2026-05-16T00:30:00-04:00',
    practitionerId: 'prac-a',
    roomId: 'room-1',
    deviceId: null,
    serviceId: 'microneedling-face',
  };

  it('offers the slot to entries whose window contains its local date, longest wait first', () => {
    const entries = [
      entry('late', { waitingSince: '2026-03-05T10:00:00Z' }),
      entry('early', { waitingSince: '2026-02-01T10:00:00-05:00' }),
      entry('too-soon', { windowEnd: '2026-05-14' }),
      entry('too-late', { windowStart: '2026-05-16' }),
      entry('other-service', { serviceId: 'consultation' }),
      entry('other-practitioner', { practitionerId: 'prac-b' }),
      entry('same-practitioner', { practitionerId: 'prac-a', waitingSince: '2026-03-05T10:00:00Z' }),
    ];
    expect(waitlistCandidates(freed, entries, { timeZone: NY }).map((candidate) => candidate.id)).toEqual([
      'early',
      'late',
      'same-practitioner',
    ]);
    // In London the slot is on 16 May: outside every window.
    expect(waitlistCandidates(freed, entries, { timeZone: 'Europe/London' })).toEqual([]);
  });
});

describe('notice policy', () => {
  const booking = exampleBooking({ start: '2026-05-10T10:00:00-04:00', end: '2026-05-10T11:00:00-04:00' });
  const rules = { cancellationNoticeMinutes: 24 * 60, moveNoticeMinutes: 48 * 60 };

  it('allows cancelling up to the notice period before the start, inclusive, and says until when', () => {
    expect(canCancel(booking, rules, '2026-05-09T10:00:00-04:00')).toEqual({
      allowed: true,
      deadline: '2026-05-09T14:00:00.000Z',
    });
    expect(canCancel(booking, rules, '2026-05-09T10:01:00-04:00')).toMatchObject({
      allowed: false,
      reason: 'inside_notice',
      deadline: '2026-05-09T14:00:00.000Z',
    });
  });

  it('has its own notice for moving', () => {
    expect(canMove(booking, rules, '2026-05-08T09:00:00-04:00')).toMatchObject({ allowed: true });
    expect(canMove(booking, rules, '2026-05-08T11:00:00-04:00')).toMatchObject({
      allowed: false,
      reason: 'inside_notice',
    });
  });

  it('refuses cancelled, finished and started bookings with the reason', () => {
    const early = '2026-05-01T00:00:00Z';
    expect(canCancel({ ...booking, status: 'cancelled' }, rules, early)).toMatchObject({ reason: 'cancelled' });
    expect(canCancel({ ...booking, status: 'completed' }, rules, early)).toMatchObject({ reason: 'finished' });
    expect(canMove({ ...booking, status: 'no_show' }, rules, early)).toMatchObject({ reason: 'finished' });
    expect(canCancel(booking, { cancellationNoticeMinutes: 0 }, '2026-05-10T10:00:00-04:00')).toMatchObject({
      reason: 'started',
    });
  });
});

describe('reminderTimes', () => {
  const booking = exampleBooking({ start: '2026-05-10T10:00:00-04:00', end: '2026-05-10T11:00:00-04:00' });

  it('gives 48 h and 2 h before the start, earliest first', () => {
    expect(reminderTimes(booking, [2, 48], '2026-05-01T00:00:00Z')).toEqual([
      { offsetHours: 48, at: '2026-05-08T14:00:00.000Z' },
      { offsetHours: 2, at: '2026-05-10T12:00:00.000Z' },
    ]);
  });

  it('gives none in the past: a booking made 3 hours ahead gets the 2-hour reminder only', () => {
    expect(reminderTimes(booking, [48, 2], '2026-05-10T07:00:00-04:00')).toEqual([
      { offsetHours: 2, at: '2026-05-10T12:00:00.000Z' },
    ]);
    expect(reminderTimes(booking, [48, 2], '2026-05-10T09:00:00-04:00')).toEqual([]);
  });

  it('gives none for cancelled, held or finished bookings, and refuses nonsense offsets', () => {
    for (const status of ['cancelled', 'held', 'completed', 'no_show'] as const) {
      expect(reminderTimes({ ...booking, status }, [48, 2], '2026-05-01T00:00:00Z')).toEqual([]);
    }
    expect(() => reminderTimes(booking, [0], '2026-05-01T00:00:00Z')).toThrow(InvalidInputError);
    expect(() => reminderTimes(booking, [-2], '2026-05-01T00:00:00Z')).toThrow(InvalidInputError);
  });

  it('is exact in real hours across a DST change (48 h before 09:00 on 9 March is 08:00 on 7 March)', () => {
    const afterChange = exampleBooking({ start: '2026-03-09T09:00:00-04:00', end: '2026-03-09T10:00:00-04:00' });
    expect(reminderTimes(afterChange, [48], '2026-03-01T00:00:00Z')).toEqual([
      { offsetHours: 48, at: '2026-03-07T13:00:00.000Z' },
    ]);
  });
});

// ---------------------------------------------------------------------------------
// Properties

const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Small calendars: two practitioners with sparse hours and random days off, so that series are hard. */
const seriesScenarioArb = fc
  .record({
    zone: fc.constantFrom(NY, 'Europe/London', 'Australia/Sydney'),
    workDays: fc.array(fc.subarray(DAYS, { minLength: 1 }), { minLength: 1, maxLength: 2 }),
    daysOff: fc.array(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 25 }), { minLength: 2, maxLength: 2 }),
    sessions: fc.integer({ min: 1, max: 4 }),
    minGap: fc.integer({ min: 1, max: 10 }),
    extraGap: fc.integer({ min: 0, max: 4 }),
    samePractitioner: fc.boolean(),
    startOffsetHours: fc.integer({ min: 0, max: 72 }),
  })
  .map((spec): SeriesInput => {
    const firstDate = '2026-03-02';
    const practitioners = spec.workDays.map((days, index) =>
      examplePractitioner(`prac-${index}`, {
        weeklyHours: weeklyHours(
          [
            { start: '09:00', end: '10:00' },
            { start: '14:00', end: '15:00' },
          ],
          days,
        ),
        timeOff: (spec.daysOff[index] ?? []).map((offset) => wholeLocalDay(spec.zone, addDays(firstDate, offset))),
      }),
    );
    const start = wholeLocalDay(spec.zone, firstDate).start;
    return {
      clinic: exampleClinic({ timeZone: spec.zone }),
      service: exampleService({ practitionerIds: practitioners.map((p) => p.id) }),
      practitioners,
      rooms: exampleRooms(1),
      devices: [],
      bookings: [],
      rules: { ...EXAMPLE_RULES, slotStepMinutes: 60, maxDaysAhead: 45, seriesMaxDaysAhead: 45 },
      now: start,
      sessions: spec.sessions,
      minGapDays: spec.minGap,
      maxGapDays: spec.minGap + spec.extraGap,
      samePractitioner: spec.samePractitioner,
      earliestStart: new Date(Date.parse(start) + spec.startOffsetHours * 3_600_000).toISOString(),
    };
  });

/** The oracle: every slot of the horizon in order, tried session by session, with no memo and no pruning by day. */
function bruteForceSeries(input: SeriesInput): Slot[] | null {
  const zone = input.clinic.timeZone;
  const all = findSlots({
    ...input,
    from: input.earliestStart,
    to: new Date(Date.parse(input.now) + 60 * 86_400_000).toISOString(),
  });
  const dateOf = (slot: Slot) => localDate(zone, new Date(slot.start));
  const next = (chosen: Slot[]): Slot[] | null => {
    if (chosen.length === input.sessions) return chosen;
    const previous = chosen.at(-1);
    for (const slot of all) {
      if (previous !== undefined) {
        const gap = daysBetween(dateOf(previous), dateOf(slot));
        if (gap < input.minGapDays || gap > input.maxGapDays) continue;
        if (input.samePractitioner && slot.practitionerId !== chosen[0]!.practitionerId) continue;
      }
      const found = next([...chosen, slot]);
      if (found !== null) return found;
    }
    return null;
  };
  return next([]);
}

describe('properties of proposeSeries', () => {
  it('keeps every gap within [min, max] calendar days, starts at or after earliestStart, with real slots', () => {
    fc.assert(
      fc.property(seriesScenarioArb, (input) => {
        const proposal = proposeSeries(input);
        if ('unavailable' in proposal) return;
        const zone = input.clinic.timeZone;
        const dates = proposal.sessions.map((session) => localDate(zone, new Date(session.slot.start)));
        expect(proposal.sessions).toHaveLength(input.sessions);
        expect(Date.parse(proposal.sessions[0]!.slot.start)).toBeGreaterThanOrEqual(Date.parse(input.earliestStart));
        dates.slice(1).forEach((date, index) => {
          const gap = daysBetween(dates[index]!, date);
          expect(gap).toBeGreaterThanOrEqual(input.minGapDays);
          expect(gap).toBeLessThanOrEqual(input.maxGapDays);
          expect(
            date >= proposal.sessions[index + 1]!.windowStart && date <= proposal.sessions[index + 1]!.windowEnd,
          ).toBe(true);
        });
        if (input.samePractitioner) {
          expect(new Set(proposal.sessions.map((session) => session.slot.practitionerId)).size).toBe(1);
        }
        for (const session of proposal.sessions) {
          const day = wholeLocalDay(zone, localDate(zone, new Date(session.slot.start)));
          expect(findSlots({ ...input, from: day.start, to: day.end })).toContainEqual(session.slot);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('finds exactly the earliest series a brute-force search finds, and fails only when it finds none', () => {
    fc.assert(
      fc.property(seriesScenarioArb, (input) => {
        const proposal = proposeSeries(input);
        const expected = bruteForceSeries(input);
        if (expected === null) expect(proposal).toHaveProperty('unavailable');
        else expect(sessionsOf(proposal).map((session) => session.slot)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});

describe('properties of reflowSeries', () => {
  it('never touches earlier sessions, keeps every gap in its window, and keeps each later session it can', () => {
    fc.assert(
      fc.property(seriesScenarioArb, fc.nat(), fc.nat(), (input, pick, choice) => {
        const proposal = proposeSeries({ ...input, sessions: Math.max(2, input.sessions) });
        if ('unavailable' in proposal) return;
        const zone = input.clinic.timeZone;
        const bookings = proposal.sessions.map((session, index) =>
          exampleBooking({
            id: `s${index + 1}`,
            start: session.slot.start,
            end: session.slot.end,
            practitionerId: session.slot.practitionerId,
          }),
        );
        const index = 1 + (pick % bookings.length);
        const session = proposal.sessions[index - 1]!;
        // Any other slot in the moved session's window.
        const window = {
          from: wholeLocalDay(zone, session.windowStart).start,
          to: wholeLocalDay(zone, session.windowEnd).end,
        };
        const options = findSlots({ ...input, ...window, ignoreBookingIds: bookings.map((b) => b.id) });
        if (options.length === 0) return;
        const slot = options[choice % options.length]!;
        if (input.samePractitioner && slot.practitionerId !== session.slot.practitionerId) return;
        const result = reflowSeries({ ...input, series: bookings, move: { index, slot } });
        if ('unavailable' in result) return;
        const dates = result.sessions.map((s) => localDate(zone, new Date(s.slot.start)));
        result.sessions.forEach((s, position) => {
          if (position < index - 1)
            expect(s).toMatchObject({ change: 'unchanged', slot: proposal.sessions[position]!.slot });
          if (position === index - 1) expect(s).toMatchObject({ change: 'moved', slot });
          if (position > 0) {
            const gap = daysBetween(dates[position - 1]!, dates[position]!);
            expect(gap).toBeGreaterThanOrEqual(input.minGapDays);
            expect(gap).toBeLessThanOrEqual(input.maxGapDays);
          }
          if (s.change === 'kept') expect(s.slot).toEqual(proposal.sessions[position]!.slot);
        });
      }),
      { numRuns: 150 },
    );
  });
});
