// Availability search: concrete examples for each rule, the DST days of New York and
// London (and a few more zones), and properties checked against independent oracles
// built here from Intl directly (not from the code under test).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/domain/clinical/iso-date.ts';
import { InvalidInputError } from '../src/domain/errors.ts';
import {
  busyIntervals,
  conflicts,
  findSlots,
  indexCalendar,
  wholeLocalDay,
  type AvailabilityInput,
  type Booking,
  type BusyInterval,
  type Practitioner,
  type Slot,
  type Weekday,
} from '../src/domain/scheduling/index.ts';
import {
  EXAMPLE_RULES,
  exampleBooking,
  exampleClinic,
  exampleDevices,
  examplePractitioner,
  exampleRooms,
  exampleService,
  weeklyHours,
} from '../src/domain/scheduling/examples.ts';
import {
  dayNumber,
  formatInstant,
  localDateOf,
  parseInstant,
  wallClockInstants,
} from '../src/domain/scheduling/zoned-time.ts';
import { localDate } from '../src/domain/time-zone.ts';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const EVERY_DAY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function input(overrides: Partial<AvailabilityInput> = {}): AvailabilityInput {
  const zone = overrides.clinic?.timeZone ?? NY;
  const monday = wholeLocalDay(zone, '2026-04-06');
  return {
    clinic: exampleClinic(),
    service: exampleService(),
    practitioners: [examplePractitioner('prac-a')],
    rooms: exampleRooms(1),
    devices: [],
    bookings: [],
    rules: { ...EXAMPLE_RULES },
    now: '2026-04-01T08:00:00-04:00',
    from: monday.start,
    to: monday.end,
    ...overrides,
  };
}

/** The whole of local `date` as the search range. */
function onDay(date: string, zone = NY): Pick<AvailabilityInput, 'from' | 'to'> {
  const { start, end } = wholeLocalDay(zone, date);
  return { from: start, to: end };
}

const starts = (slots: Slot[]) => slots.map((slot) => slot.start);

function nightHours(start: string, end: string, zone: string): Partial<AvailabilityInput> {
  return {
    clinic: exampleClinic({ timeZone: zone }),
    practitioners: [examplePractitioner('prac-a', { weeklyHours: weeklyHours([{ start, end }], EVERY_DAY) })],
    service: exampleService({ durationMinutes: 30 }),
    rules: { ...EXAMPLE_RULES, slotStepMinutes: 30, maxDaysAhead: 400 },
    now: '2026-01-01T00:00:00Z',
  };
}

describe('opening hours become slots', () => {
  it('offers every step of the grid that fits, as instants in the clinic offset', () => {
    const slots = findSlots(input());
    expect(slots).toHaveLength(29); // 09:00 ... 16:00 every 15 minutes
    expect(slots[0]).toEqual({
      start: '2026-04-06T09:00:00-04:00',
      end: '2026-04-06T10:00:00-04:00',
      practitionerId: 'prac-a',
      roomId: 'room-1',
      deviceId: null,
    });
    expect(slots.at(-1)?.start).toBe('2026-04-06T16:00:00-04:00');
  });

  it('aligns starts to the wall clock from midnight, and honours several intervals a day', () => {
    const practitioner = examplePractitioner('prac-a', {
      weeklyHours: weeklyHours([
        { start: '09:10', end: '11:00' },
        { start: '13:00', end: '15:00' },
      ]),
    });
    const slots = findSlots(input({ practitioners: [practitioner] }));
    expect(starts(slots).map((start) => start.slice(11, 16))).toEqual([
      '09:15',
      '09:30',
      '09:45',
      '10:00',
      '13:00',
      '13:15',
      '13:30',
      '13:45',
      '14:00',
    ]);
  });

  it('joins touching intervals, so a slot may run across them', () => {
    const practitioner = examplePractitioner('prac-a', {
      weeklyHours: weeklyHours([
        { start: '09:00', end: '12:00' },
        { start: '12:00', end: '13:00' },
      ]),
    });
    const slots = findSlots(input({ practitioners: [practitioner] }));
    expect(starts(slots)).toContain('2026-04-06T11:30:00-04:00');
    expect(starts(slots).at(-1)).toBe('2026-04-06T12:00:00-04:00');
  });

  it('gives no slots on a clinic holiday or a weekday without hours', () => {
    expect(findSlots(input({ clinic: exampleClinic({ holidays: ['2026-04-06'] }) }))).toEqual([]);
    expect(findSlots(input(onDay('2026-04-05')))).toEqual([]); // a Sunday
  });

  it('orders by start, then practitioner, and keeps one slot per start per practitioner', () => {
    const slots = findSlots(
      input({
        service: exampleService({ practitionerIds: ['prac-b', 'prac-a'] }),
        practitioners: [examplePractitioner('prac-b'), examplePractitioner('prac-a')],
        rooms: exampleRooms(3),
      }),
    );
    expect(slots.slice(0, 3).map((slot) => [slot.start.slice(11, 16), slot.practitionerId, slot.roomId])).toEqual([
      ['09:00', 'prac-a', 'room-1'],
      ['09:00', 'prac-b', 'room-1'],
      ['09:15', 'prac-a', 'room-1'],
    ]);
    const keys = slots.map((slot) => `${slot.start}|${slot.practitionerId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('only offers practitioners the service allows, and one practitioner when asked', () => {
    const base = {
      practitioners: [examplePractitioner('prac-a'), examplePractitioner('prac-b'), examplePractitioner('prac-c')],
      service: exampleService({ practitionerIds: ['prac-a', 'prac-c'] }),
    };
    expect(new Set(findSlots(input(base)).map((slot) => slot.practitionerId))).toEqual(new Set(['prac-a', 'prac-c']));
    expect(new Set(findSlots(input({ ...base, practitionerId: 'prac-c' })).map((slot) => slot.practitionerId))).toEqual(
      new Set(['prac-c']),
    );
    expect(findSlots(input({ ...base, practitionerId: 'prac-b' }))).toEqual([]);
  });
});

describe('busy time', () => {
  it('keeps a booking and both buffers clear, on either side', () => {
    const existing = exampleBooking({
      start: '2026-04-06T10:00:00-04:00',
      end: '2026-04-06T11:00:00-04:00',
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 15,
    });
    // Occupied 09:45-11:15. The new service needs 10 minutes before and 5 after, inside the hours.
    const slots = findSlots(
      input({ bookings: [existing], service: exampleService({ bufferBeforeMinutes: 10, bufferAfterMinutes: 5 }) }),
    );
    const times = starts(slots).map((start) => start.slice(11, 16));
    expect(times[0]).toBe('11:30'); // 11:25 is the first start whose set-up clears 11:15
    expect(times.at(-1)).toBe('15:45'); // 15:45 + 60 + 5 = 16:50; 16:00 would clean until 17:05
    expect(times).not.toContain('09:15'); // 09:15-10:20 would run into 09:45
  });

  it('picks the first free room in id order, and no slot when every room is taken', () => {
    const inRoom1 = exampleBooking({ start: '2026-04-06T09:00:00-04:00', end: '2026-04-06T10:00:00-04:00' });
    const withTwoRooms = findSlots(
      input({
        bookings: [{ ...inRoom1, practitionerId: 'someone-else' }],
        rooms: exampleRooms(2),
      }),
    );
    expect(withTwoRooms[0]).toMatchObject({ start: '2026-04-06T09:00:00-04:00', roomId: 'room-2' });
    const withOneRoom = findSlots(input({ bookings: [{ ...inRoom1, practitionerId: 'someone-else' }] }));
    expect(withOneRoom[0]?.start).toBe('2026-04-06T10:00:00-04:00');
  });

  it('respects room types and room lists of the service', () => {
    const rooms = [
      { id: 'a-consult', type: 'consultation' },
      { id: 'b-treat', type: 'treatment' },
      { id: 'c-treat', type: 'treatment' },
    ];
    expect(findSlots(input({ rooms, service: exampleService({ roomTypes: ['treatment'] }) }))[0]?.roomId).toBe(
      'b-treat',
    );
    expect(findSlots(input({ rooms, service: exampleService({ roomIds: ['c-treat'] }) }))[0]?.roomId).toBe('c-treat');
    expect(findSlots(input({ rooms, service: exampleService({ roomTypes: ['surgery'] }) }))).toEqual([]);
  });

  it('needs a free device of the right class or id when the service asks for one', () => {
    const devices = [...exampleDevices(2, 'pen'), { id: 'device-3', deviceClass: 'roller' }];
    const pen = exampleService({ device: { kind: 'class', deviceClass: 'pen' } });
    const busyPen = exampleBooking({
      practitionerId: 'other',
      roomId: 'other-room',
      deviceId: 'device-1',
      start: '2026-04-06T09:00:00-04:00',
      end: '2026-04-06T10:00:00-04:00',
    });
    expect(findSlots(input({ devices, service: pen, bookings: [busyPen] }))[0]).toMatchObject({
      start: '2026-04-06T09:00:00-04:00',
      deviceId: 'device-2',
    });
    const bothPens = [busyPen, { ...busyPen, id: 'booking-2', deviceId: 'device-2' }];
    expect(findSlots(input({ devices, service: pen, bookings: bothPens }))[0]?.start).toBe('2026-04-06T10:00:00-04:00');
    const roller = exampleService({ device: { kind: 'ids', deviceIds: ['device-3'] } });
    expect(findSlots(input({ devices, service: roller }))[0]?.deviceId).toBe('device-3');
    expect(findSlots(input({ devices: [], service: pen }))).toEqual([]);
  });

  it('treats time off and blocks as busy', () => {
    const practitioner = examplePractitioner('prac-a', {
      timeOff: [{ start: '2026-04-06T12:00:00-04:00', end: '2026-04-06T14:00:00-04:00' }],
    });
    const block: BusyInterval = {
      resource: { kind: 'room', id: 'room-1' },
      start: '2026-04-06T09:00:00-04:00',
      end: '2026-04-06T10:30:00-04:00',
      reason: 'block',
    };
    const times = starts(findSlots(input({ practitioners: [practitioner], blocks: [block] }))).map((start) =>
      start.slice(11, 16),
    );
    expect(times[0]).toBe('10:30');
    expect(times).toContain('11:00');
    expect(times).not.toContain('11:15'); // would end 12:15, inside the time off
    expect(times).toContain('14:00');
    expect(times.filter((time) => time > '11:00' && time < '14:00')).toEqual([]);
  });

  it('counts holds until they expire, ignores cancelled bookings and bookings being moved', () => {
    const at9 = { start: '2026-04-06T09:00:00-04:00', end: '2026-04-06T10:00:00-04:00' };
    const first = (bookings: Booking[], extra: Partial<AvailabilityInput> = {}) =>
      findSlots(input({ bookings, ...extra }))[0]?.start;
    const hold = exampleBooking({ ...at9, status: 'held', holdExpiresAt: '2026-04-01T08:10:00-04:00' });
    expect(first([hold])).toBe('2026-04-06T10:00:00-04:00');
    expect(first([hold], { now: '2026-04-01T08:10:00-04:00' })).toBe('2026-04-06T09:00:00-04:00');
    expect(first([exampleBooking({ ...at9, status: 'cancelled' })])).toBe('2026-04-06T09:00:00-04:00');
    expect(first([exampleBooking({ ...at9, id: 'moving' })], { ignoreBookingIds: ['moving'] })).toBe(
      '2026-04-06T09:00:00-04:00',
    );
  });

  it('stops offering a practitioner on a day that reached the daily cap', () => {
    const day1 = [
      exampleBooking({ id: 'b1', start: '2026-04-06T09:00:00-04:00', end: '2026-04-06T10:00:00-04:00' }),
      exampleBooking({ id: 'b2', start: '2026-04-06T15:00:00-04:00', end: '2026-04-06T16:00:00-04:00' }),
    ];
    const rules = { ...EXAMPLE_RULES, dailyCapPerPractitioner: 2 };
    const week = { from: '2026-04-06T00:00:00-04:00', to: '2026-04-08T00:00:00-04:00' };
    const slots = findSlots(input({ bookings: day1, rules, ...week }));
    expect(slots.every((slot) => slot.start.startsWith('2026-04-07'))).toBe(true);
    expect(slots.length).toBe(29);
    const underCap = findSlots(input({ bookings: day1.slice(0, 1), rules, ...week }));
    expect(underCap.some((slot) => slot.start.startsWith('2026-04-06'))).toBe(true);
  });
});

describe('notice and horizon', () => {
  it('starts no earlier than now plus the minimum notice', () => {
    const slots = findSlots(
      input({ now: '2026-04-06T09:20:00-04:00', rules: { ...EXAMPLE_RULES, minimumNoticeMinutes: 60 } }),
    );
    expect(slots[0]?.start).toBe('2026-04-06T10:30:00-04:00');
  });

  it('books up to today plus maxDaysAhead in the clinic zone, that whole day included', () => {
    const rules = { ...EXAMPLE_RULES, maxDaysAhead: 5 };
    // 23:30 in New York on 1 April is already 2 April in UTC: "today" is the clinic's 1 April.
    const now = '2026-04-02T03:30:00Z';
    const range = { from: '2026-04-01T00:00:00-04:00', to: '2026-04-10T00:00:00-04:00' };
    const dates = new Set(findSlots(input({ rules, now, ...range })).map((slot) => slot.start.slice(0, 10)));
    expect([...dates]).toEqual(['2026-04-02', '2026-04-03', '2026-04-06']);
  });

  it('returns slots whose start lies in [from, to)', () => {
    const slots = findSlots(input({ from: '2026-04-06T10:00:00-04:00', to: '2026-04-06T11:00:00-04:00' }));
    expect(starts(slots)).toEqual([
      '2026-04-06T10:00:00-04:00',
      '2026-04-06T10:15:00-04:00',
      '2026-04-06T10:30:00-04:00',
      '2026-04-06T10:45:00-04:00',
    ]);
  });
});

describe('bad input is refused, never reinterpreted', () => {
  const refuses = (overrides: Partial<AvailabilityInput>, code: string) => {
    try {
      findSlots(input(overrides));
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).code).toBe(code);
      return;
    }
    throw new Error(`expected ${code}`);
  };

  it('rejects naive timestamps, impossible dates and reversed ranges', () => {
    refuses({ from: '2026-04-06T09:00:00' }, 'invalid_instant');
    refuses({ from: '2026-02-30T09:00:00Z' }, 'invalid_instant');
    refuses({ now: '2026-04-06T24:00:00Z' }, 'invalid_instant');
    refuses({ from: '2026-04-07T00:00:00Z', to: '2026-04-06T00:00:00Z' }, 'invalid_range');
  });

  it('rejects unknown zones, malformed hours and nonsense durations', () => {
    refuses({ clinic: exampleClinic({ timeZone: 'Mars/Olympus' }) }, 'invalid_time_zone');
    refuses(
      { practitioners: [examplePractitioner('prac-a', { weeklyHours: { mon: [{ start: '17:00', end: '09:00' }] } })] },
      'invalid_hours',
    );
    refuses(
      { practitioners: [examplePractitioner('prac-a', { weeklyHours: { mon: [{ start: '9:00', end: '17:00' }] } })] },
      'invalid_time',
    );
    refuses({ service: exampleService({ durationMinutes: 0 }) }, 'invalid_scheduling_input');
    refuses({ rules: { ...EXAMPLE_RULES, slotStepMinutes: 7.5 } }, 'invalid_scheduling_input');
    refuses({ clinic: exampleClinic({ holidays: ['2026-13-01'] }) }, 'invalid_date');
  });
});

describe('daylight saving time', () => {
  it('New York, 8 March 2026: 02:00-02:59 does not exist, so no slot starts there; the day has 23 hours', () => {
    const slots = findSlots(input({ ...nightHours('00:00', '04:00', NY), ...onDay('2026-03-08') }));
    expect(starts(slots)).toEqual([
      '2026-03-08T00:00:00-05:00',
      '2026-03-08T00:30:00-05:00',
      '2026-03-08T01:00:00-05:00',
      '2026-03-08T01:30:00-05:00',
      '2026-03-08T03:00:00-04:00',
      '2026-03-08T03:30:00-04:00',
    ]);
    // A 30-minute appointment at 01:30 EST ends at 03:00 EDT.
    expect(slots[3]?.end).toBe('2026-03-08T03:00:00-04:00');
    const day = wholeLocalDay(NY, '2026-03-08');
    expect(parseInstant(day.end) - parseInstant(day.start)).toBe(23 * 3_600_000);
  });

  it('New York, 8 March 2026: hours 01:00-03:00 are one real hour, and a slot may span the jump', () => {
    const hour = findSlots(
      input({
        ...nightHours('01:00', '03:00', NY),
        service: exampleService({ durationMinutes: 60 }),
        ...onDay('2026-03-08'),
      }),
    );
    expect(hour.map((slot) => [slot.start, slot.end])).toEqual([
      ['2026-03-08T01:00:00-05:00', '2026-03-08T03:00:00-04:00'],
    ]);
  });

  it('New York, 1 November 2026: the repeated hour gives two real slots per label, each instant once; 25 hours', () => {
    const slots = findSlots(input({ ...nightHours('00:00', '03:00', NY), ...onDay('2026-11-01') }));
    expect(starts(slots)).toEqual([
      '2026-11-01T00:00:00-04:00',
      '2026-11-01T00:30:00-04:00',
      '2026-11-01T01:00:00-04:00',
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T01:00:00-05:00',
      '2026-11-01T01:30:00-05:00',
      '2026-11-01T02:00:00-05:00',
      '2026-11-01T02:30:00-05:00',
    ]);
    const instants = slots.map((slot) => parseInstant(slot.start));
    expect(new Set(instants).size).toBe(instants.length);
    // Back to back: four real hours from 00:00 EDT to 03:00 EST, nothing doubled, nothing missing.
    instants.slice(1).forEach((instant, index) => expect(instant - instants[index]!).toBe(30 * 60_000));
    const day = wholeLocalDay(NY, '2026-11-01');
    expect(parseInstant(day.end) - parseInstant(day.start)).toBe(25 * 3_600_000);
  });

  it('New York, 1 November 2026: hours ending inside the repeated hour end the first time the clock gets there', () => {
    const slots = findSlots(input({ ...nightHours('00:00', '01:30', NY), ...onDay('2026-11-01') }));
    expect(starts(slots)).toEqual([
      '2026-11-01T00:00:00-04:00',
      '2026-11-01T00:30:00-04:00',
      '2026-11-01T01:00:00-04:00',
    ]);
  });

  it('Europe/London, 29 March 2026: 01:00-01:59 does not exist', () => {
    const slots = findSlots(input({ ...nightHours('00:00', '03:00', LONDON), ...onDay('2026-03-29', LONDON) }));
    expect(starts(slots)).toEqual([
      '2026-03-29T00:00:00+00:00',
      '2026-03-29T00:30:00+00:00',
      '2026-03-29T02:00:00+01:00',
      '2026-03-29T02:30:00+01:00',
    ]);
  });

  it('Europe/London, 25 October 2026: 01:00-01:59 happens twice, each instant offered once', () => {
    const slots = findSlots(input({ ...nightHours('00:00', '03:00', LONDON), ...onDay('2026-10-25', LONDON) }));
    expect(starts(slots)).toEqual([
      '2026-10-25T00:00:00+01:00',
      '2026-10-25T00:30:00+01:00',
      '2026-10-25T01:00:00+01:00',
      '2026-10-25T01:30:00+01:00',
      '2026-10-25T01:00:00+00:00',
      '2026-10-25T01:30:00+00:00',
      '2026-10-25T02:00:00+00:00',
      '2026-10-25T02:30:00+00:00',
    ]);
  });

  it('keeps 09:00 local at 09:00 local across both changes in both zones', () => {
    const nineToTen = (zone: string, from: string, to: string) =>
      findSlots(
        input({
          ...nightHours('09:00', '09:30', zone),
          from: wholeLocalDay(zone, from).start,
          to: wholeLocalDay(zone, to).end,
        }),
      ).map((slot) => slot.start);
    expect(nineToTen(NY, '2026-03-07', '2026-03-09')).toEqual([
      '2026-03-07T09:00:00-05:00',
      '2026-03-08T09:00:00-04:00',
      '2026-03-09T09:00:00-04:00',
    ]);
    expect(nineToTen(NY, '2026-10-31', '2026-11-02')).toEqual([
      '2026-10-31T09:00:00-04:00',
      '2026-11-01T09:00:00-05:00',
      '2026-11-02T09:00:00-05:00',
    ]);
    expect(nineToTen(LONDON, '2026-03-28', '2026-03-30')).toEqual([
      '2026-03-28T09:00:00+00:00',
      '2026-03-29T09:00:00+01:00',
      '2026-03-30T09:00:00+01:00',
    ]);
    expect(nineToTen(LONDON, '2026-10-24', '2026-10-26')).toEqual([
      '2026-10-24T09:00:00+01:00',
      '2026-10-25T09:00:00+00:00',
      '2026-10-26T09:00:00+00:00',
    ]);
  });

  it('Europe/Berlin changes at 02:00/03:00 local, Asia/Kolkata (+05:30) never changes', () => {
    const berlin = findSlots(
      input({ ...nightHours('01:00', '04:00', 'Europe/Berlin'), ...onDay('2026-03-29', 'Europe/Berlin') }),
    );
    expect(starts(berlin)).toEqual([
      '2026-03-29T01:00:00+01:00',
      '2026-03-29T01:30:00+01:00',
      '2026-03-29T03:00:00+02:00',
      '2026-03-29T03:30:00+02:00',
    ]);
    const kolkata = findSlots(
      input({ ...nightHours('09:00', '10:00', 'Asia/Kolkata'), ...onDay('2026-03-29', 'Asia/Kolkata') }),
    );
    expect(starts(kolkata)).toEqual(['2026-03-29T09:00:00+05:30', '2026-03-29T09:30:00+05:30']);
  });

  it('America/Santiago falls back at midnight: the repeated 23:00 hour belongs to the earlier date', () => {
    // 5 April 2026 00:00 (-03) becomes 4 April 23:00 (-04).
    const slots = findSlots(
      input({
        ...nightHours('22:00', '24:00', 'America/Santiago'),
        from: '2026-04-04T00:00:00-03:00',
        to: '2026-04-06T00:00:00-04:00',
      }),
    );
    expect(starts(slots).filter((start) => start.startsWith('2026-04-04'))).toEqual([
      '2026-04-04T22:00:00-03:00',
      '2026-04-04T22:30:00-03:00',
      '2026-04-04T23:00:00-03:00',
      '2026-04-04T23:30:00-03:00',
      '2026-04-04T23:00:00-04:00',
      '2026-04-04T23:30:00-04:00',
    ]);
  });

  it('runs across month ends, year ends and a leap day', () => {
    const range = (from: string, to: string) => ({
      from: wholeLocalDay(NY, from).start,
      to: wholeLocalDay(NY, to).end,
      now: '2027-12-01T00:00:00Z',
      rules: { ...EXAMPLE_RULES, maxDaysAhead: 200 },
      practitioners: [
        examplePractitioner('prac-a', { weeklyHours: weeklyHours([{ start: '09:00', end: '10:00' }], EVERY_DAY) }),
      ],
    });
    expect(
      starts(findSlots(input(range('2027-12-31', '2028-01-01')))).filter((s) => s.endsWith('09:00:00-05:00')),
    ).toEqual(['2027-12-31T09:00:00-05:00', '2028-01-01T09:00:00-05:00']);
    expect(
      starts(findSlots(input(range('2028-02-28', '2028-03-01')))).filter((s) => s.slice(11, 16) === '09:00'),
    ).toEqual(['2028-02-28T09:00:00-05:00', '2028-02-29T09:00:00-05:00', '2028-03-01T09:00:00-05:00']);
  });
});

describe('conflicts for the drag-and-drop preview', () => {
  const clinicBookings = [
    exampleBooking({
      id: 'b1',
      start: '2026-04-06T10:00:00-04:00',
      end: '2026-04-06T11:00:00-04:00',
      bufferAfterMinutes: 15,
      deviceId: 'device-1',
    }),
    exampleBooking({
      id: 'b2',
      practitionerId: 'prac-b',
      roomId: 'room-2',
      start: '2026-04-06T11:00:00-04:00',
      end: '2026-04-06T12:00:00-04:00',
    }),
    exampleBooking({
      id: 'gone',
      status: 'cancelled',
      start: '2026-04-06T11:00:00-04:00',
      end: '2026-04-06T12:00:00-04:00',
    }),
  ];
  const practitioners = [
    examplePractitioner('prac-a', {
      timeOff: [{ start: '2026-04-06T13:00:00-04:00', end: '2026-04-06T14:00:00-04:00' }],
    }),
  ];
  const busy = busyIntervals({ bookings: clinicBookings, practitioners, now: '2026-04-01T00:00:00Z' }, NY);

  it('lists every resource in the way, with the overlap, and whether only buffers collide', () => {
    const moved = {
      id: 'b9',
      start: '2026-04-06T11:00:00-04:00',
      end: '2026-04-06T12:00:00-04:00',
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      practitionerId: 'prac-a',
      roomId: 'room-2',
      deviceId: 'device-1',
    };
    const found = conflicts(moved, busy, { timeZone: NY });
    expect(found.map((conflict) => [conflict.resource.kind, conflict.resource.id, conflict.busy.bookingId])).toEqual([
      ['practitioner', 'prac-a', 'b1'],
      ['room', 'room-2', 'b2'],
      ['device', 'device-1', 'b1'],
    ]);
    expect(found[0]?.overlap).toEqual({ start: '2026-04-06T11:00:00-04:00', end: '2026-04-06T11:15:00-04:00' });
    expect(found[0]?.buffersOnly).toBe(true);
    expect(found[1]?.buffersOnly).toBe(false);
  });

  it('reports time off, ignores the booking being dragged, and finds nothing on free time', () => {
    const onTimeOff = conflicts(
      {
        start: '2026-04-06T12:30:00-04:00',
        end: '2026-04-06T13:30:00-04:00',
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        practitionerId: 'prac-a',
        roomId: 'room-1',
        deviceId: null,
      },
      busy,
    );
    expect(onTimeOff.map((conflict) => conflict.busy.reason)).toEqual(['time_off']);
    expect(onTimeOff[0]?.overlap).toEqual({ start: '2026-04-06T17:00:00.000Z', end: '2026-04-06T17:30:00.000Z' });
    const draggedOntoItself = {
      id: 'b1',
      start: '2026-04-06T10:30:00-04:00',
      end: '2026-04-06T11:30:00-04:00',
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 15,
      practitionerId: 'prac-a',
      roomId: 'room-1',
      deviceId: 'device-1',
    };
    expect(conflicts(draggedOntoItself, busy)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------
// Properties

const ZONES = [
  NY,
  LONDON,
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Santiago',
];
/** Zones with a day of theirs worth testing: DST changes (Lord Howe shifts by 30 minutes, Santiago at midnight), year end, leap day. */
const ZONE_DATES: [string, string][] = [
  [NY, '2026-03-08'],
  [NY, '2026-11-01'],
  [LONDON, '2026-03-29'],
  [LONDON, '2026-10-25'],
  ['Europe/Berlin', '2026-03-29'],
  ['Europe/Berlin', '2026-10-25'],
  ['Australia/Sydney', '2026-04-05'],
  ['Australia/Sydney', '2026-10-04'],
  ['Australia/Lord_Howe', '2026-04-05'],
  ['Australia/Lord_Howe', '2026-10-04'],
  ['America/Santiago', '2026-04-04'],
  ['America/Santiago', '2026-09-06'],
  ['Asia/Kolkata', '2026-06-15'],
  [NY, '2028-02-29'],
  [LONDON, '2026-12-31'],
];

/** An independent reading of the wall clock, straight from Intl. */
const oracleFormats = new Map<string, Intl.DateTimeFormat>();
function oracleWall(zone: string, ms: number): { date: string; minute: number } {
  let format = oracleFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
    oracleFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((part) => [part.type, part.value]));
  return { date: localDate(zone, new Date(ms)), minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** The first instant at which the clocks read (date, minute) or later, by scanning: the oracle for shift bounds. */
const shiftBoundCache = new Map<string, number>();
function oracleFirstAtOrAfter(zone: string, date: string, minute: number): number {
  const key = `${zone}|${date}|${minute}`;
  const cached = shiftBoundCache.get(key);
  if (cached !== undefined) return cached;
  const reached = (ms: number) => {
    const wall = oracleWall(zone, ms);
    return wall.date > date || (wall.date === date && wall.minute >= minute);
  };
  let ms = Date.parse(`${date}T00:00:00Z`) + minute * 60_000 - 16 * 3_600_000;
  while (!reached(ms)) ms += 15 * 60_000;
  let low = ms - 15 * 60_000;
  while (reached(low + 60_000) === false && low + 60_000 < ms) low += 60_000;
  const found = reached(low + 60_000) ? low + 60_000 : ms;
  shiftBoundCache.set(key, found);
  return found;
}

/** Intervals as minutes, overlapping or touching ones joined (one shift). */
function mergedMinutes(hours: readonly { start: string; end: string }[]): [number, number][] {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const sorted = hours
    .map(({ start, end }) => [minutes(start), minutes(end)] as [number, number])
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

const WEEKDAY_OF = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const toClock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Intervals on the half hour, often at night so that they meet the DST changes. */
const intervalArb = fc
  .tuple(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 47 })), fc.integer({ min: 1, max: 20 }))
  .map(([from, length]) => ({ start: toClock(from * 30), end: toClock(Math.min(48, from + length) * 30) }));
const hoursArb: fc.Arbitrary<Practitioner['weeklyHours']> = fc.record(
  Object.fromEntries(EVERY_DAY.map((day) => [day, fc.array(intervalArb, { maxLength: 2 })])) as Record<
    Weekday,
    fc.Arbitrary<{ start: string; end: string }[]>
  >,
);

interface Scenario {
  input: AvailabilityInput;
  extra: Booking;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    zoneDate: fc.constantFrom(...ZONE_DATES),
    days: fc.integer({ min: 2, max: 4 }),
    practitionerHours: fc.array(hoursArb, { minLength: 1, maxLength: 3 }),
    roomCount: fc.integer({ min: 1, max: 2 }),
    deviceCount: fc.integer({ min: 0, max: 2 }),
    needsDevice: fc.boolean(),
    duration: fc.integer({ min: 1, max: 24 }).map((n) => n * 5),
    before: fc.constantFrom(0, 5, 10, 15),
    after: fc.constantFrom(0, 5, 10, 20),
    step: fc.constantFrom(15, 20, 30, 60),
    notice: fc.constantFrom(0, 60, 600),
    nowHoursBefore: fc.integer({ min: -12, max: 48 }),
    holiday: fc.boolean(),
    cap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    bookings: fc.array(
      fc.record({
        practitioner: fc.nat(2),
        room: fc.nat(1),
        device: fc.option(fc.nat(1), { nil: null }),
        dayOffset: fc.integer({ min: -1, max: 4 }),
        minute: fc.integer({ min: 0, max: 287 }).map((n) => n * 5),
        length: fc.integer({ min: 1, max: 36 }).map((n) => n * 5),
        before: fc.constantFrom(0, 10),
        after: fc.constantFrom(0, 15),
        status: fc.constantFrom<Booking['status']>('confirmed', 'confirmed', 'held', 'cancelled'),
      }),
      { maxLength: 10 },
    ),
  })
  .map((spec) => {
    const [zone, date] = spec.zoneDate;
    const firstDate = addDays(date, -1);
    const at = (date: string, minute: number) => {
      const instants = wallClockInstants(zone, dayNumber(date), minute);
      return instants[0] ?? wallClockInstants(zone, dayNumber(date), minute + 60)[0]!;
    };
    const practitioners: Practitioner[] = spec.practitionerHours.map((hours, index) =>
      examplePractitioner(`prac-${index}`, { weeklyHours: hours }),
    );
    const rooms = exampleRooms(spec.roomCount);
    const devices = exampleDevices(spec.deviceCount);
    const toBooking = (raw: (typeof spec.bookings)[number], index: number): Booking => {
      const startMs = at(addDays(firstDate, raw.dayOffset), raw.minute);
      return exampleBooking({
        id: `b${index}`,
        practitionerId: `prac-${raw.practitioner}`,
        roomId: `room-${raw.room + 1}`,
        deviceId: raw.device === null ? null : `device-${raw.device + 1}`,
        start: formatInstant(zone, startMs),
        end: formatInstant(zone, startMs + raw.length * 60_000),
        bufferBeforeMinutes: raw.before,
        bufferAfterMinutes: raw.after,
        status: raw.status,
      });
    };
    const bookings = spec.bookings.map(toBooking);
    const fromMs = at(firstDate, 0);
    const toMs = at(addDays(firstDate, spec.days), 0);
    const input: AvailabilityInput = {
      clinic: exampleClinic({ timeZone: zone, holidays: spec.holiday ? [addDays(firstDate, 2)] : [] }),
      service: exampleService({
        durationMinutes: spec.duration,
        bufferBeforeMinutes: spec.before,
        bufferAfterMinutes: spec.after,
        practitionerIds: practitioners.map((p) => p.id),
        device: spec.needsDevice ? { kind: 'class', deviceClass: 'pen' } : { kind: 'none' },
      }),
      practitioners,
      rooms,
      devices,
      bookings,
      rules: {
        ...EXAMPLE_RULES,
        slotStepMinutes: spec.step,
        minimumNoticeMinutes: spec.notice,
        maxDaysAhead: 3 + (spec.nowHoursBefore > 24 ? 1 : 0),
        dailyCapPerPractitioner: spec.cap,
      },
      now: formatInstant(zone, fromMs - spec.nowHoursBefore * 3_600_000),
      from: formatInstant(zone, fromMs),
      to: formatInstant(zone, toMs),
    };
    const extra = toBooking(
      {
        practitioner: 0,
        room: 0,
        device: 0,
        dayOffset: 0,
        minute: 600,
        length: 90,
        before: 0,
        after: 0,
        status: 'confirmed',
      },
      99,
    );
    return { input, extra };
  });

/** Busy intervals per resource, recomputed here from the raw input. */
function rawBusy(input: AvailabilityInput): { kind: string; id: string; from: number; to: number }[] {
  const now = parseInstant(input.now);
  const result: { kind: string; id: string; from: number; to: number }[] = [];
  for (const booking of input.bookings) {
    if (booking.status === 'cancelled') continue;
    if (
      booking.status === 'held' &&
      booking.holdExpiresAt !== undefined &&
      parseInstant(booking.holdExpiresAt) <= now
    ) {
      continue;
    }
    const from = parseInstant(booking.start) - booking.bufferBeforeMinutes * 60_000;
    const to = parseInstant(booking.end) + booking.bufferAfterMinutes * 60_000;
    result.push({ kind: 'practitioner', id: booking.practitionerId, from, to });
    result.push({ kind: 'room', id: booking.roomId, from, to });
    if (booking.deviceId !== null) result.push({ kind: 'device', id: booking.deviceId, from, to });
  }
  for (const practitioner of input.practitioners) {
    for (const off of practitioner.timeOff) {
      result.push({
        kind: 'practitioner',
        id: practitioner.id,
        from: parseInstant(off.start),
        to: parseInstant(off.end),
      });
    }
  }
  return result;
}

const occupied = (input: AvailabilityInput, slot: Slot) => ({
  from: parseInstant(slot.start) - input.service.bufferBeforeMinutes * 60_000,
  to: parseInstant(slot.end) + input.service.bufferAfterMinutes * 60_000,
});

const RUNS = { numRuns: 150 };

describe('properties of findSlots', () => {
  it('never returns the same instant twice for a practitioner, and never overlapping slots when the step covers the whole occupied time', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const slots = findSlots(input);
        const { durationMinutes, bufferBeforeMinutes, bufferAfterMinutes } = input.service;
        const length = durationMinutes + bufferBeforeMinutes + bufferAfterMinutes;
        for (const practitioner of input.practitioners) {
          const mine = slots.filter((slot) => slot.practitionerId === practitioner.id).map((s) => occupied(input, s));
          for (let index = 1; index < mine.length; index++) {
            expect(mine[index]!.from).toBeGreaterThan(mine[index - 1]!.from);
            if (length <= input.rules.slotStepMinutes)
              expect(mine[index]!.from).toBeGreaterThanOrEqual(mine[index - 1]!.to);
          }
        }
      }),
      RUNS,
    );
  });

  it('puts every slot inside its practitioner’s opening hours in local time, on the step grid, off holidays', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const zone = input.clinic.timeZone;
        for (const slot of findSlots(input)) {
          const start = parseInstant(slot.start);
          const wall = oracleWall(zone, start);
          expect(input.clinic.holidays).not.toContain(wall.date);
          expect(wall.minute % input.rules.slotStepMinutes).toBe(0);
          const weekday = WEEKDAY_OF[new Date(`${wall.date}T00:00:00Z`).getUTCDay()]!;
          const practitioner = input.practitioners.find((p) => p.id === slot.practitionerId)!;
          const hours = practitioner.weeklyHours[weekday] ?? [];
          const { from, to } = occupied(input, slot);
          const inside = mergedMinutes(hours).some(
            ([a, b]) =>
              wall.minute >= a &&
              wall.minute < b &&
              from >= oracleFirstAtOrAfter(zone, wall.date, a) &&
              to <= oracleFirstAtOrAfter(zone, wall.date, b),
          );
          expect(inside, `${slot.start} for ${slot.practitionerId}`).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('never overlaps a busy interval (buffers on both sides) of its practitioner, room or device', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const busy = rawBusy(input);
        for (const slot of findSlots(input)) {
          const { from, to } = occupied(input, slot);
          const mine = busy.filter(
            (item) =>
              (item.kind === 'practitioner' && item.id === slot.practitionerId) ||
              (item.kind === 'room' && item.id === slot.roomId) ||
              (item.kind === 'device' && item.id === slot.deviceId),
          );
          for (const item of mine)
            expect(item.to <= from || item.from >= to, `${slot.start} vs ${item.kind}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('respects notice, horizon, range, allowed rooms and devices, and the daily cap', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const zone = input.clinic.timeZone;
        const now = parseInstant(input.now);
        const lastDate = addDays(localDate(zone, new Date(now)), input.rules.maxDaysAhead);
        const active = input.bookings.filter((b) => b.status !== 'cancelled');
        for (const slot of findSlots(input)) {
          const start = parseInstant(slot.start);
          expect(start).toBeGreaterThanOrEqual(now + input.rules.minimumNoticeMinutes * 60_000);
          expect(start).toBeGreaterThanOrEqual(parseInstant(input.from));
          expect(start).toBeLessThan(parseInstant(input.to));
          expect(localDate(zone, new Date(start)) <= lastDate).toBe(true);
          expect(input.rooms.map((room) => room.id)).toContain(slot.roomId);
          if (input.service.device.kind === 'none') expect(slot.deviceId).toBeNull();
          else expect(input.devices.map((device) => device.id)).toContain(slot.deviceId);
          const cap = input.rules.dailyCapPerPractitioner;
          if (cap !== null && cap !== undefined) {
            const sameDay = active.filter(
              (b) =>
                b.practitionerId === slot.practitionerId &&
                localDate(zone, new Date(parseInstant(b.start))) === localDate(zone, new Date(start)),
            );
            expect(sameDay.length).toBeLessThan(cap);
          }
        }
      }),
      RUNS,
    );
  });

  it('adding a busy interval never adds a slot', () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), ({ input, extra }, asBlock) => {
        const key = (slot: Slot) => `${parseInstant(slot.start)}|${slot.practitionerId}`;
        const before = new Set(findSlots(input).map(key));
        const more: AvailabilityInput = asBlock
          ? {
              ...input,
              blocks: [
                { resource: { kind: 'room', id: 'room-1' }, start: extra.start, end: extra.end, reason: 'block' },
              ],
            }
          : { ...input, bookings: [...input.bookings, extra] };
        const after = findSlots(more).map(key);
        for (const slot of after) expect(before.has(slot)).toBe(true);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same calendar in any order gives the same, sorted answer', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), ({ input }, seed) => {
        const shuffle = <T>(items: readonly T[]) =>
          items
            .map((item, index) => ({ item, rank: Math.sin(seed + index * 7.1) }))
            .sort((a, b) => a.rank - b.rank)
            .map(({ item }) => item);
        const slots = findSlots(input);
        const again = findSlots({
          ...input,
          practitioners: shuffle(input.practitioners),
          rooms: shuffle(input.rooms),
          devices: shuffle(input.devices),
          bookings: shuffle(input.bookings),
        });
        expect(again).toEqual(slots);
        const sorted = [...slots].sort(
          (a, b) =>
            parseInstant(a.start) - parseInstant(b.start) ||
            (a.practitionerId < b.practitionerId ? -1 : a.practitionerId > b.practitionerId ? 1 : 0),
        );
        expect(slots).toEqual(sorted);
      }),
      RUNS,
    );
  });
});

describe('an indexed calendar (what a server keeps per clinic)', () => {
  it('gives exactly the slots the plain calendar gives, for every practitioner filter', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const index = indexCalendar(input);
        const withoutCalendar = { ...input, bookings: [], blocks: [], ignoreBookingIds: [] };
        if ((input.ignoreBookingIds ?? []).length > 0) return; // an index cannot leave bookings out
        expect(findSlots(withoutCalendar, { index })).toEqual(findSlots(input));
        const first = input.practitioners[0];
        if (first !== undefined) {
          expect(findSlots({ ...withoutCalendar, practitionerId: first.id }, { index })).toEqual(
            findSlots({ ...input, practitionerId: first.id }),
          );
        }
      }),
      RUNS,
    );
  });

  it('lasts until the first hold in it lapses, and refuses to be mixed with a plain calendar', () => {
    const hold = exampleBooking({
      id: 'hold-1',
      start: '2026-03-03T10:00:00-05:00',
      end: '2026-03-03T11:00:00-05:00',
      status: 'held',
      holdExpiresAt: '2026-03-02T12:10:00Z',
    });
    const plain = input({ bookings: [hold], now: '2026-03-02T12:00:00Z' });
    expect(indexCalendar(plain).validUntilMs).toBe(Date.parse('2026-03-02T12:10:00Z'));
    expect(indexCalendar({ ...plain, bookings: [] }).validUntilMs).toBe(Number.POSITIVE_INFINITY);
    expect(() => findSlots(plain, { index: indexCalendar(plain) })).toThrow(InvalidInputError);
  });
});

describe('zone arithmetic agrees with Intl', () => {
  const instantArb = fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })
    .map((ms) => ms - (ms % 60_000));

  it('gives the local date time-zone.ts gives, writes instants that parse back, and finds each instant from its wall clock', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES, 'UTC', 'Asia/Kathmandu', 'Pacific/Chatham'), instantArb, (zone, ms) => {
        expect(localDateOf(zone, ms)).toBe(localDate(zone, new Date(ms)));
        const text = formatInstant(zone, ms);
        expect(parseInstant(text)).toBe(ms);
        const wall = oracleWall(zone, ms);
        expect(text.slice(0, 10)).toBe(wall.date);
        expect(wallClockInstants(zone, dayNumber(wall.date), wall.minute)).toContain(ms);
      }),
      { numRuns: 500 },
    );
  });
});
