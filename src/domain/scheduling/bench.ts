// Micro-benchmark of the availability and series searches, in-process, for the bench
// runner (bench/run.ts) to call. Builds a reproducible calendar (seeded), then times
// repeated searches. Reads the clock only to measure: the functions measured never do.
//
//   import { benchAvailability } from '../src/domain/scheduling/bench.ts';
//   console.table([benchAvailability()]);                       // the default calendar
//   console.table([benchAvailability(ISSUE_TARGET_CALENDAR)]);   // issue 6's target calendar
import { findSlots, indexCalendar } from './availability.ts';
import {
  EXAMPLE_RULES,
  exampleDevices,
  examplePractitioner,
  exampleRooms,
  exampleService,
  weeklyHours,
} from './examples.ts';
import { proposeSeries } from './series.ts';
import type { AvailabilityInput, Booking } from './types.ts';
import { DAY_MS, MINUTE_MS, dayNumber, formatInstant, isoWeekday, wallClockInstants } from './zoned-time.ts';

export interface BenchCalendar {
  /** Length of the searched range, from `firstDate` (local). */
  days: number;
  practitioners: number;
  rooms: number;
  devices: number;
  /** Existing bookings, placed where practitioner, room and device are free. */
  bookings: number;
  /** Days the bookings are spread over, from `firstDate` (default: `days`). */
  bookingSpanDays?: number;
  zone?: string;
  firstDate?: string;
  seed?: number;
}

/** The brief's calendar: 4 weeks, 3 practitioners, 2 rooms, 2 devices, 200 bookings. */
export const DEFAULT_BENCH_CALENDAR: Readonly<BenchCalendar> = Object.freeze({
  days: 28,
  practitioners: 3,
  rooms: 2,
  devices: 2,
  bookings: 200,
});

/**
 * Issue 6's performance target: 30 days, 4 practitioners, 3 rooms, 2 devices and
 * 5,000 existing bookings (spread over a year: the month itself holds about 400,
 * which is what it has room for), target 2,000 searches/s.
 */
export const ISSUE_TARGET_CALENDAR: Readonly<BenchCalendar> = Object.freeze({
  days: 30,
  practitioners: 4,
  rooms: 3,
  devices: 2,
  bookings: 5_000,
  bookingSpanDays: 365,
});

export interface AvailabilityBenchFigures {
  calendar: string;
  /** Bookings actually placed (some attempts find no free place). */
  bookingsPlaced: number;
  searches: number;
  msPerSearch: number;
  searchesPerSecond: number;
  /** The same search on the calendar indexed once (what the server does while a clinic's calendar is unchanged). */
  indexedMsPerSearch: number;
  indexedSearchesPerSecond: number;
  slotsPerSearch: number;
  slotsPerSecond: number;
  /** proposeSeries: 6 sessions, 28-42 days apart, same practitioner, in the same calendar. */
  seriesMs: number;
}

/** A small seeded generator, so that every run measures the same calendar. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The calendar as findSlots input, with bookings placed at random free places (deterministic). */
export function benchCalendar(calendar: BenchCalendar = DEFAULT_BENCH_CALENDAR): AvailabilityInput {
  const zone = calendar.zone ?? 'America/New_York';
  const firstDate = calendar.firstDate ?? '2026-03-02'; // a Monday; the range crosses the March DST change
  const random = seeded(calendar.seed ?? 42);
  const practitionerIds = Array.from({ length: calendar.practitioners }, (_, index) => `prac-${index + 1}`);
  const rooms = exampleRooms(calendar.rooms);
  const devices = exampleDevices(calendar.devices);
  const service = exampleService({
    durationMinutes: 60,
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 15,
    practitionerIds,
    device: { kind: 'class', deviceClass: 'pen' },
  });
  const practitioners = practitionerIds.map((id, index) =>
    examplePractitioner(id, {
      weeklyHours: weeklyHours(
        index % 2 === 0
          ? [
              { start: '09:00', end: '12:30' },
              { start: '13:30', end: '18:00' },
            ]
          : [{ start: '10:00', end: '19:00' }],
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
      ),
    }),
  );

  const firstDay = dayNumber(firstDate);
  const span = calendar.bookingSpanDays ?? calendar.days;
  const taken = new Map<string, [number, number][]>();
  const free = (key: string, from: number, to: number) =>
    (taken.get(key) ?? []).every(([start, end]) => end <= from || start >= to);
  const take = (key: string, from: number, to: number) => {
    const list = taken.get(key) ?? [];
    list.push([from, to]);
    taken.set(key, list);
  };
  const bookings: Booking[] = [];
  for (let attempt = 0; attempt < calendar.bookings * 4 && bookings.length < calendar.bookings; attempt++) {
    const day = firstDay + Math.floor(random() * span) - Math.floor((span - calendar.days) / 2);
    if (isoWeekday(day) === 7) continue;
    const practitionerId = practitionerIds[Math.floor(random() * practitionerIds.length)]!;
    const minute = 9 * 60 + Math.floor(random() * 36) * 15; // 09:00-17:45
    const duration = [30, 45, 60, 90][Math.floor(random() * 4)]!;
    const startMs = wallClockInstants(zone, day, minute)[0];
    if (startMs === undefined) continue;
    const endMs = startMs + duration * MINUTE_MS;
    const from = startMs - 10 * MINUTE_MS;
    const to = endMs + 15 * MINUTE_MS;
    if (!free(`p:${practitionerId}`, from, to)) continue;
    const room = rooms.find((candidate) => free(`r:${candidate.id}`, from, to));
    if (room === undefined) continue;
    const device = random() < 0.7 ? devices.find((candidate) => free(`d:${candidate.id}`, from, to)) : undefined;
    take(`p:${practitionerId}`, from, to);
    take(`r:${room.id}`, from, to);
    if (device !== undefined) take(`d:${device.id}`, from, to);
    bookings.push({
      id: `booking-${bookings.length + 1}`,
      serviceId: service.id,
      patientId: `patient-${bookings.length % 97}`,
      practitionerId,
      roomId: room.id,
      deviceId: device?.id ?? null,
      start: formatInstant(zone, startMs),
      end: formatInstant(zone, endMs),
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 15,
      status: 'confirmed',
      createdAt: '2026-02-01T12:00:00Z',
      updatedAt: '2026-02-01T12:00:00Z',
      version: 1,
    });
  }

  const fromMs = wallClockInstants(zone, firstDay, 0)[0]!;
  return {
    clinic: { timeZone: zone, holidays: [] },
    service,
    practitioners,
    rooms,
    devices,
    bookings,
    rules: { ...EXAMPLE_RULES, maxDaysAhead: calendar.days + 400, seriesMaxDaysAhead: 400 },
    now: formatInstant(zone, fromMs - DAY_MS),
    from: formatInstant(zone, fromMs),
    to: formatInstant(zone, wallClockInstants(zone, firstDay + calendar.days, 0)[0]!),
  };
}

/**
 * Times findSlots over the calendar for at least `minimumMs` twice: from plain data
 * (each search parses and indexes the whole calendar again) and on the calendar
 * indexed once (as the server searches while a clinic's calendar is unchanged); and
 * one series proposal. Returns searches per second, ms per search and slots per second.
 */
export function benchAvailability(
  calendar: BenchCalendar = DEFAULT_BENCH_CALENDAR,
  options: { minimumMs?: number; minimumSearches?: number } = {},
): AvailabilityBenchFigures {
  const input = benchCalendar(calendar);
  const minimumMs = options.minimumMs ?? 1_000;
  const minimumSearches = options.minimumSearches ?? 20;
  // Warm-up: the JIT, and the zone's offset cache (shared by every search, as in a server).
  for (let index = 0; index < 5; index++) findSlots(input);
  let searches = 0;
  let slots = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minimumMs || searches < minimumSearches) {
    slots += findSlots(input).length;
    searches++;
    elapsed = performance.now() - started;
  }
  // The server's way: the calendar indexed once, then searched.
  const index = indexCalendar(input);
  const bare = { ...input, bookings: [], blocks: [] };
  for (let round = 0; round < 5; round++) findSlots(bare, { index });
  let indexedSearches = 0;
  const indexedStarted = performance.now();
  let indexedElapsed = 0;
  while (indexedElapsed < minimumMs || indexedSearches < minimumSearches) {
    findSlots(bare, { index });
    indexedSearches++;
    indexedElapsed = performance.now() - indexedStarted;
  }
  const seriesInput = {
    ...input,
    sessions: 6,
    minGapDays: 28,
    maxGapDays: 42,
    samePractitioner: true,
    earliestStart: input.from,
  };
  proposeSeries(seriesInput);
  const seriesRuns = 20;
  const seriesStarted = performance.now();
  for (let index = 0; index < seriesRuns; index++) proposeSeries(seriesInput);
  const seriesMs = (performance.now() - seriesStarted) / seriesRuns;
  const round = (value: number, digits = 3) => Number(value.toFixed(digits));
  return {
    calendar:
      `${calendar.days} days, ${calendar.practitioners} practitioners, ${calendar.rooms} rooms, ` +
      `${calendar.devices} devices, ${calendar.bookings} bookings`,
    bookingsPlaced: input.bookings.length,
    searches,
    msPerSearch: round(elapsed / searches),
    searchesPerSecond: Math.round((searches * 1000) / elapsed),
    indexedMsPerSearch: round(indexedElapsed / indexedSearches),
    indexedSearchesPerSecond: Math.round((indexedSearches * 1000) / indexedElapsed),
    slotsPerSearch: Math.round(slots / searches),
    slotsPerSecond: Math.round((slots * 1000) / elapsed),
    seriesMs: round(seriesMs),
  };
}
