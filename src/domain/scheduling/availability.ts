// Availability: which starts a service can be booked at, with a practitioner, a room
// and (when the service needs one) a device all free at once. Pure: the caller
// passes the calendar and "now". See README.md in this folder for the rules.
import { InvalidInputError } from '../errors.ts';
import type {
  AvailabilityInput,
  Booking,
  BusyInterval,
  BusyReason,
  Device,
  Instant,
  InstantInterval,
  IsoDate,
  ResourceRef,
  Room,
  SchedulingContext,
  Slot,
  Weekday,
} from './types.ts';
import { WEEKDAYS } from './types.ts';
import {
  DAY_MS,
  MINUTE_MS,
  assertTimeZone,
  dayNumber,
  firstInstantAtOrAfter,
  formatInstant,
  isoWeekday,
  localDayOf,
  parseInstant,
  parseWallClock,
  steadyOffset,
  wallClockInstants,
} from './zoned-time.ts';

/** A slot with its times as epoch ms, before formatting. */
export interface SlotTimes {
  startMs: number;
  endMs: number;
  practitionerId: string;
  roomId: string;
  deviceId: string | null;
}

/** Busy time of one resource: merged, sorted, disjoint [starts[i], ends[i]). */
interface BusyTimes {
  starts: number[];
  ends: number[];
}

interface PreparedPractitioner {
  id: string;
  /** Index 1-7 (ISO weekday): merged [startMinute, endMinute) intervals. */
  hours: (readonly (readonly [number, number])[])[];
  busy: BusyTimes;
  bookingsPerDay: ReadonlyMap<number, number>;
}

interface PreparedResource {
  id: string;
  busy: BusyTimes;
}

/** The calendar parsed and indexed once, for any number of day queries. */
export interface PreparedContext {
  zone: string;
  nowMs: number;
  /** No slot starts before this: now + minimum notice. */
  earliestMs: number;
  todayDay: number;
  stepMinutes: number;
  dailyCap: number | null;
  holidays: ReadonlySet<number>;
  practitioners: readonly PreparedPractitioner[];
  rooms: readonly PreparedResource[];
  /** null when the service needs no device. */
  devices: readonly PreparedResource[] | null;
  beforeMs: number;
  durationMs: number;
  afterMs: number;
  /** Slots per local day (no horizon applied), filled on demand. */
  dayCache: Map<number, readonly SlotTimes[]>;
}

const EMPTY_BUSY: BusyTimes = { starts: [], ends: [] };

function requireInteger(value: number, name: string, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new InvalidInputError('invalid_scheduling_input', `${name} must be a whole number of at least ${minimum}.`);
  }
}

/** Whether a booking or hold occupies its time at `nowMs`. */
export function isActiveBooking(booking: Booking, nowMs: number): boolean {
  if (booking.status === 'cancelled') return false;
  if (booking.status === 'held' && booking.holdExpiresAt !== undefined) {
    return parseInstant(booking.holdExpiresAt) > nowMs;
  }
  return true;
}

interface BusyMs {
  resource: ResourceRef;
  startMs: number;
  endMs: number;
  reason: BusyReason;
  bookingId?: string;
  appointment?: { startMs: number; endMs: number };
}

/** A booking's occupied time, buffers included, on each of its resources. */
function bookingBusy(booking: Booking): BusyMs[] {
  const appointment = { startMs: parseInstant(booking.start), endMs: parseInstant(booking.end) };
  const startMs = appointment.startMs - booking.bufferBeforeMinutes * MINUTE_MS;
  const endMs = appointment.endMs + booking.bufferAfterMinutes * MINUTE_MS;
  const reason: BusyReason = booking.status === 'held' ? 'hold' : 'booking';
  const result = [
    busyOn('practitioner', booking.practitionerId, startMs, endMs, reason, booking.id, appointment),
    busyOn('room', booking.roomId, startMs, endMs, reason, booking.id, appointment),
  ];
  if (booking.deviceId !== null) {
    result.push(busyOn('device', booking.deviceId, startMs, endMs, reason, booking.id, appointment));
  }
  return result;
}

// A module-level function rather than a closure per booking: this runs for every booking of every search.
function busyOn(
  kind: ResourceRef['kind'],
  id: string,
  startMs: number,
  endMs: number,
  reason: BusyReason,
  bookingId: string,
  appointment: { startMs: number; endMs: number },
): BusyMs {
  return { resource: { kind, id }, startMs, endMs, reason, bookingId, appointment };
}

/** Instants of interest: bookings wholly outside are not even parsed. */
export interface Relevance {
  fromMs: number;
  toMs: number;
}

const isDatePrefix = (text: string) => text.length >= 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45;

/**
 * A cheap test on the text alone, so that a search can skip most of a long calendar
 * without parsing it: the date written in an instant is within a day of its UTC
 * date whatever the offset, so a booking (buffers under a day) that ends three days
 * before the range or starts three days after it as written cannot touch it.
 */
function relevantBookings(bookings: readonly Booking[], relevance: Relevance): Booking[] {
  const endsBefore = new Date(relevance.fromMs - 3 * DAY_MS).toISOString().slice(0, 10);
  const startsAfter = new Date(relevance.toMs + 3 * DAY_MS).toISOString().slice(0, 10);
  // Whole strings compare like their date prefixes here: "2026-01-02T…" < "2026-01-03", and
  // "2026-01-03T…" > "2026-01-03", which is still safe since a start on that date is three days out.
  // A plain loop: this runs over the whole calendar on every search.
  const kept: Booking[] = [];
  for (const booking of bookings) {
    const outside =
      booking.bufferBeforeMinutes < 1440 &&
      booking.bufferAfterMinutes < 1440 &&
      ((booking.end < endsBefore && isDatePrefix(booking.end)) ||
        (booking.start > startsAfter && isDatePrefix(booking.start)));
    if (!outside) kept.push(booking);
  }
  return kept;
}

function collectBusy(
  context: Pick<SchedulingContext, 'bookings' | 'blocks' | 'practitioners' | 'ignoreBookingIds'>,
  nowMs: number,
): BusyMs[] {
  const ignored = new Set(context.ignoreBookingIds ?? []);
  const busy: BusyMs[] = [];
  for (const booking of context.bookings) {
    if (ignored.has(booking.id) || !isActiveBooking(booking, nowMs)) continue;
    busy.push(...bookingBusy(booking));
  }
  for (const practitioner of context.practitioners) {
    for (const off of practitioner.timeOff) {
      busy.push({
        resource: { kind: 'practitioner', id: practitioner.id },
        startMs: parseInstant(off.start),
        endMs: parseInstant(off.end),
        reason: 'time_off',
      });
    }
  }
  for (const block of context.blocks ?? []) {
    busy.push({
      resource: block.resource,
      reason: block.reason,
      ...(block.bookingId === undefined ? {} : { bookingId: block.bookingId }),
      startMs: parseInstant(block.start),
      endMs: parseInstant(block.end),
    });
  }
  return busy;
}

/**
 * Every busy interval of the calendar as plain data: active bookings and holds on
 * their practitioner, room and device with buffers, practitioners' time off, and
 * blocks. Cancelled bookings, expired holds and `ignoreBookingIds` are left out.
 * Instants are written in UTC unless a zone is given.
 */
export function busyIntervals(
  context: Pick<SchedulingContext, 'bookings' | 'blocks' | 'practitioners' | 'ignoreBookingIds' | 'now'>,
  timeZone?: string,
): BusyInterval[] {
  const write = (ms: number) => (timeZone === undefined ? new Date(ms).toISOString() : formatInstant(timeZone, ms));
  if (timeZone !== undefined) assertTimeZone(timeZone);
  return collectBusy(context, parseInstant(context.now)).map(({ startMs, endMs, appointment, ...rest }) => ({
    ...rest,
    start: write(startMs),
    end: write(endMs),
    ...(appointment === undefined
      ? {}
      : { appointment: { start: write(appointment.startMs), end: write(appointment.endMs) } }),
  }));
}

function indexBusy(intervals: BusyMs[]): BusyTimes {
  if (intervals.length === 0) return EMPTY_BUSY;
  const sorted = intervals.filter((item) => item.endMs > item.startMs).sort((a, b) => a.startMs - b.startMs);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { startMs, endMs } of sorted) {
    const last = ends.length - 1;
    if (last >= 0 && startMs <= ends[last]!) ends[last] = Math.max(ends[last]!, endMs);
    else {
      starts.push(startMs);
      ends.push(endMs);
    }
  }
  return { starts, ends };
}

/**
 * A clinic's calendar parsed and indexed once, for any number of searches of any of
 * its services: each resource's busy time merged and sorted, and each practitioner's
 * active bookings per local day (for daily caps). A server keeps one per clinic while
 * the calendar does not change; searches then skip parsing it.
 */
export interface CalendarIndex {
  zone: string;
  /** Busy time per resource, keyed "kind:id". */
  busy: ReadonlyMap<string, BusyTimes>;
  /** Active bookings per practitioner and local day number. */
  bookingsPerDay: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** The index describes the calendar until this instant, when the first hold in it lapses. */
  validUntilMs: number;
}

/** Indexes bookings, holds, blocks and time off as of `now` (see CalendarIndex). */
export function indexCalendar(
  context: Pick<SchedulingContext, 'clinic' | 'bookings' | 'blocks' | 'practitioners' | 'now'>,
): CalendarIndex {
  const zone = context.clinic.timeZone;
  assertTimeZone(zone);
  const nowMs = parseInstant(context.now);
  const byResource = groupByResource(collectBusy(context, nowMs));
  const busy = new Map<string, BusyTimes>();
  for (const kind of ['practitioner', 'room', 'device'] as const) {
    for (const [id, intervals] of byResource[kind]) busy.set(`${kind}:${id}`, indexBusy(intervals));
  }
  const bookingsPerDay = new Map<string, Map<number, number>>();
  let validUntilMs = Number.POSITIVE_INFINITY;
  for (const booking of context.bookings) {
    if (!isActiveBooking(booking, nowMs)) continue;
    if (booking.status === 'held' && booking.holdExpiresAt !== undefined) {
      validUntilMs = Math.min(validUntilMs, parseInstant(booking.holdExpiresAt));
    }
    let perDay = bookingsPerDay.get(booking.practitionerId);
    if (perDay === undefined) bookingsPerDay.set(booking.practitionerId, (perDay = new Map<number, number>()));
    const day = localDayOf(zone, parseInstant(booking.start));
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return { zone, busy, bookingsPerDay, validUntilMs };
}

/** Busy time per resource kind and id (nested maps: no key strings to build per interval). */
type ByResource = Record<ResourceRef['kind'], Map<string, BusyMs[]>>;

function groupByResource(busy: readonly BusyMs[]): ByResource {
  const byResource: ByResource = { practitioner: new Map(), room: new Map(), device: new Map() };
  for (const item of busy) {
    if (item.endMs < item.startMs) {
      throw new InvalidInputError('invalid_interval', `A busy interval of ${item.resource.id} ends before it starts.`);
    }
    const ofKind = byResource[item.resource.kind];
    const list = ofKind.get(item.resource.id);
    if (list === undefined) ofKind.set(item.resource.id, [item]);
    else list.push(item);
  }
  return byResource;
}

/** True when [from, to) touches no busy time. */
function isFree(busy: BusyTimes, from: number, to: number): boolean {
  const { starts, ends } = busy;
  // The first busy interval that ends after `from`.
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ends[middle]! > from) high = middle;
    else low = middle + 1;
  }
  return low === ends.length || starts[low]! >= to;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function prepareHours(
  practitionerId: string,
  weeklyHours: Partial<Record<Weekday, readonly { start: string; end: string }[]>>,
) {
  const hours: (readonly (readonly [number, number])[])[] = [[]];
  WEEKDAYS.forEach((weekday) => {
    const intervals = (weeklyHours[weekday] ?? []).map(({ start, end }) => {
      const from = parseWallClock(start);
      const to = parseWallClock(end);
      if (from >= to) {
        throw new InvalidInputError(
          'invalid_hours',
          `Hours ${start}-${end} on ${weekday} for practitioner ${practitionerId} end before they start.`,
        );
      }
      return [from, to] as [number, number];
    });
    intervals.sort((a, b) => a[0] - b[0]);
    // Overlapping or touching intervals become one, so that a slot may run across 12:00 in 09:00-12:00 + 12:00-17:00.
    const merged: [number, number][] = [];
    for (const interval of intervals) {
      const last = merged[merged.length - 1];
      if (last !== undefined && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
      else merged.push([interval[0], interval[1]]);
    }
    hours.push(merged);
  });
  return hours;
}

function roomFits(room: Room, context: SchedulingContext): boolean {
  const { roomIds, roomTypes } = context.service;
  return (
    (roomIds === undefined || roomIds.includes(room.id)) && (roomTypes === undefined || roomTypes.includes(room.type))
  );
}

function deviceFits(device: Device, context: SchedulingContext): boolean {
  const need = context.service.device;
  switch (need.kind) {
    case 'none':
      return false;
    case 'class':
      return device.deviceClass === need.deviceClass;
    case 'ids':
      return need.deviceIds.includes(device.id);
  }
}

/** Parses and indexes the calendar once; throws InvalidInputError on malformed input. */
export function prepareContext(
  context: SchedulingContext,
  options: { practitionerId?: string | undefined; relevance?: Relevance; index?: CalendarIndex | undefined } = {},
): PreparedContext {
  const { practitionerId, relevance, index } = options;
  const zone = context.clinic.timeZone;
  assertTimeZone(zone);
  const { service, rules } = context;
  requireInteger(service.durationMinutes, 'durationMinutes', 1);
  requireInteger(service.bufferBeforeMinutes, 'bufferBeforeMinutes', 0);
  requireInteger(service.bufferAfterMinutes, 'bufferAfterMinutes', 0);
  requireInteger(rules.minimumNoticeMinutes, 'minimumNoticeMinutes', 0);
  requireInteger(rules.maxDaysAhead, 'maxDaysAhead', 0);
  requireInteger(rules.slotStepMinutes, 'slotStepMinutes', 1);
  const dailyCap = rules.dailyCapPerPractitioner ?? null;
  if (dailyCap !== null) requireInteger(dailyCap, 'dailyCapPerPractitioner', 1);

  const nowMs = parseInstant(context.now);
  let busyOf: (kind: ResourceRef['kind'], id: string) => BusyTimes;
  let bookings: readonly Booking[];
  if (index === undefined) {
    bookings = relevance === undefined ? context.bookings : relevantBookings(context.bookings, relevance);
    const byResource = groupByResource(collectBusy({ ...context, bookings }, nowMs));
    busyOf = (kind, id) => indexBusy(byResource[kind].get(id) ?? []);
  } else {
    // The calendar comes indexed; the context's own bookings and blocks must be empty.
    if (index.zone !== zone || context.bookings.length > 0 || (context.blocks ?? []).length > 0) {
      throw new InvalidInputError('invalid_scheduling_input', 'Pass the calendar either indexed or as bookings.');
    }
    if ((context.ignoreBookingIds ?? []).length > 0) {
      throw new InvalidInputError('invalid_scheduling_input', 'An indexed calendar cannot leave bookings out.');
    }
    bookings = [];
    busyOf = (kind, id) => index.busy.get(`${kind}:${id}`) ?? EMPTY_BUSY;
  }

  const ignored = new Set(context.ignoreBookingIds ?? []);
  const allowed = new Set(service.practitionerIds);
  const practitioners = context.practitioners
    .filter((practitioner) => allowed.has(practitioner.id))
    .filter((practitioner) => practitionerId === undefined || practitioner.id === practitionerId)
    .sort((a, b) => compareIds(a.id, b.id))
    .map((practitioner): PreparedPractitioner => {
      const indexed = index?.bookingsPerDay.get(practitioner.id);
      const bookingsPerDay = indexed ?? new Map<number, number>();
      if (dailyCap !== null && indexed === undefined && index === undefined) {
        const counted = bookingsPerDay as Map<number, number>;
        for (const booking of bookings) {
          if (booking.practitionerId !== practitioner.id || ignored.has(booking.id)) continue;
          if (!isActiveBooking(booking, nowMs)) continue;
          const day = localDayOf(zone, parseInstant(booking.start));
          counted.set(day, (counted.get(day) ?? 0) + 1);
        }
      }
      return {
        id: practitioner.id,
        hours: prepareHours(practitioner.id, practitioner.weeklyHours),
        busy: busyOf('practitioner', practitioner.id),
        bookingsPerDay,
      };
    });
  const rooms = context.rooms
    .filter((room) => roomFits(room, context))
    .sort((a, b) => compareIds(a.id, b.id))
    .map((room) => ({ id: room.id, busy: busyOf('room', room.id) }));
  const devices =
    service.device.kind === 'none'
      ? null
      : context.devices
          .filter((device) => deviceFits(device, context))
          .sort((a, b) => compareIds(a.id, b.id))
          .map((device) => ({ id: device.id, busy: busyOf('device', device.id) }));

  return {
    zone,
    nowMs,
    earliestMs: nowMs + rules.minimumNoticeMinutes * MINUTE_MS,
    todayDay: localDayOf(zone, nowMs),
    stepMinutes: rules.slotStepMinutes,
    dailyCap,
    holidays: new Set(context.clinic.holidays.map(dayNumber)),
    practitioners,
    rooms,
    devices,
    beforeMs: service.bufferBeforeMinutes * MINUTE_MS,
    durationMs: service.durationMinutes * MINUTE_MS,
    afterMs: service.bufferAfterMinutes * MINUTE_MS,
    dayCache: new Map(),
  };
}

function firstFree(resources: readonly PreparedResource[], from: number, to: number): string | null {
  for (const resource of resources) if (isFree(resource.busy, from, to)) return resource.id;
  return null;
}

/**
 * The slots of local `day` for every eligible practitioner, sorted by start then
 * practitioner. Minimum notice applies; the booking horizon does not (callers
 * apply their own). Cached per day.
 */
export function slotsOnDay(prepared: PreparedContext, day: number): readonly SlotTimes[] {
  const cached = prepared.dayCache.get(day);
  if (cached !== undefined) return cached;
  const slots: SlotTimes[] = [];
  const { zone, stepMinutes, beforeMs, durationMs, afterMs, earliestMs, rooms, devices } = prepared;
  if (!prepared.holidays.has(day) && rooms.length > 0 && (devices === null || devices.length > 0)) {
    const weekday = isoWeekday(day);
    // On most days the offset does not change: each wall-clock label is then exactly one instant.
    const offset = steadyOffset(zone, day);
    const steady = [0];
    for (const practitioner of prepared.practitioners) {
      if (prepared.dailyCap !== null && (practitioner.bookingsPerDay.get(day) ?? 0) >= prepared.dailyCap) continue;
      for (const [startMinute, endMinute] of practitioner.hours[weekday]!) {
        // The shift in real time: from the first moment the clocks read its start to the first they read its end.
        const shiftStart = firstInstantAtOrAfter(zone, day, startMinute);
        const shiftEnd = firstInstantAtOrAfter(zone, day, endMinute);
        if (shiftEnd - shiftStart < beforeMs + durationMs + afterMs) continue;
        // Starts are wall-clock labels on the step grid counted from local midnight.
        for (let label = Math.ceil(startMinute / stepMinutes) * stepMinutes; label < endMinute; label += stepMinutes) {
          let instants: readonly number[] = steady;
          if (offset === null) instants = wallClockInstants(zone, day, label);
          else steady[0] = day * DAY_MS + label * MINUTE_MS - offset;
          for (const start of instants) {
            if (start < earliestMs) continue;
            const occupiedFrom = start - beforeMs;
            const occupiedTo = start + durationMs + afterMs;
            if (occupiedFrom < shiftStart || occupiedTo > shiftEnd) continue;
            if (!isFree(practitioner.busy, occupiedFrom, occupiedTo)) continue;
            const roomId = firstFree(rooms, occupiedFrom, occupiedTo);
            if (roomId === null) continue;
            let deviceId: string | null = null;
            if (devices !== null) {
              deviceId = firstFree(devices, occupiedFrom, occupiedTo);
              if (deviceId === null) continue;
            }
            slots.push({
              startMs: start,
              endMs: start + durationMs,
              practitionerId: practitioner.id,
              roomId,
              deviceId,
            });
          }
        }
      }
    }
  }
  slots.sort(compareSlotTimes);
  prepared.dayCache.set(day, slots);
  return slots;
}

function compareSlotTimes(a: SlotTimes, b: SlotTimes): number {
  return (
    a.startMs - b.startMs ||
    compareIds(a.practitionerId, b.practitionerId) ||
    compareIds(a.roomId, b.roomId) ||
    compareIds(a.deviceId ?? '', b.deviceId ?? '')
  );
}

/** The first instant after the last bookable local day (today + `days`). */
export function horizonEndMs(prepared: PreparedContext, days: number): number {
  return firstInstantAtOrAfter(prepared.zone, prepared.todayDay + days + 1, 0);
}

export function toSlot(zone: string, slot: SlotTimes): Slot {
  return {
    start: formatInstant(zone, slot.startMs),
    end: formatInstant(zone, slot.endMs),
    practitionerId: slot.practitionerId,
    roomId: slot.roomId,
    deviceId: slot.deviceId,
  };
}

/**
 * Bookable slots whose start lies in [from, to), ordered by start, then practitioner,
 * room and device id. One slot per start per practitioner, with the first free room
 * and device in id order. Slots are alternatives: two of them may overlap when the
 * step is shorter than the service.
 */
export function findSlots(input: AvailabilityInput, options: { index?: CalendarIndex } = {}): Slot[] {
  const fromMs = parseInstant(input.from);
  const toMs = parseInstant(input.to);
  if (toMs <= fromMs) throw new InvalidInputError('invalid_range', `The range ends (${input.to}) before it starts.`);
  const prepared = prepareContext(input, {
    index: options.index,
    practitionerId: input.practitionerId,
    relevance: {
      fromMs: fromMs - input.service.bufferBeforeMinutes * MINUTE_MS,
      toMs: toMs + (input.service.durationMinutes + input.service.bufferAfterMinutes) * MINUTE_MS,
    },
  });
  const lowMs = Math.max(fromMs, prepared.earliestMs);
  const highMs = Math.min(toMs, horizonEndMs(prepared, input.rules.maxDaysAhead));
  if (highMs <= lowMs) return [];
  const found: SlotTimes[] = [];
  // One day either side: a local day's instants can reach into the next one across a fall-back at midnight.
  const firstDay = localDayOf(prepared.zone, lowMs) - 1;
  const lastDay = localDayOf(prepared.zone, highMs - 1) + 1;
  for (let day = firstDay; day <= lastDay; day++) {
    for (const slot of slotsOnDay(prepared, day)) if (slot.startMs >= lowMs && slot.startMs < highMs) found.push(slot);
  }
  found.sort(compareSlotTimes);
  return found.map((slot) => toSlot(prepared.zone, slot));
}

// ---------------------------------------------------------------------------------
// Conflicts, for the staff calendar's drag-and-drop preview

export interface ProposedBooking {
  /** The booking being moved, if any: its own current time is not a conflict. */
  id?: string;
  start: Instant;
  end: Instant;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  practitionerId: string;
  roomId: string;
  deviceId: string | null;
}

export interface Conflict {
  resource: ResourceRef;
  /** The busy interval in the way, as given. */
  busy: BusyInterval;
  /** The shared time, [start, end). */
  overlap: { start: Instant; end: Instant };
  /** True when only the buffers (set-up, cleaning) collide, not the appointment itself. */
  buffersOnly: boolean;
}

/** Whether the appointments themselves are apart, so that only set-up or cleaning time collides. */
function appointmentsApart(interval: BusyInterval, startMs: number, endMs: number, busyFrom: number, busyTo: number) {
  const otherFrom = interval.appointment === undefined ? busyFrom : parseInstant(interval.appointment.start);
  const otherTo = interval.appointment === undefined ? busyTo : parseInstant(interval.appointment.end);
  return Math.max(startMs, otherFrom) >= Math.min(endMs, otherTo);
}

const KIND_ORDER: Record<ResourceRef['kind'], number> = { practitioner: 0, room: 1, device: 2 };

/**
 * What a booking at this time would collide with: every busy interval on its
 * practitioner, room or device that overlaps [start − bufferBefore, end + bufferAfter).
 * Intervals of the same booking (its current place while it is dragged) do not count.
 * Ordered by overlap start, then practitioner/room/device, then resource id.
 */
export function conflicts(
  booking: ProposedBooking,
  busy: readonly BusyInterval[],
  options: { timeZone?: string } = {},
): Conflict[] {
  const write = (ms: number) =>
    options.timeZone === undefined ? new Date(ms).toISOString() : formatInstant(options.timeZone, ms);
  if (options.timeZone !== undefined) assertTimeZone(options.timeZone);
  const startMs = parseInstant(booking.start);
  const endMs = parseInstant(booking.end);
  if (endMs <= startMs) throw new InvalidInputError('invalid_range', 'The booking ends before it starts.');
  const occupiedFrom = startMs - booking.bufferBeforeMinutes * MINUTE_MS;
  const occupiedTo = endMs + booking.bufferAfterMinutes * MINUTE_MS;
  const mine = (resource: ResourceRef) =>
    (resource.kind === 'practitioner' && resource.id === booking.practitionerId) ||
    (resource.kind === 'room' && resource.id === booking.roomId) ||
    (resource.kind === 'device' && resource.id === booking.deviceId);
  const found: { conflict: Conflict; fromMs: number }[] = [];
  for (const interval of busy) {
    if (!mine(interval.resource)) continue;
    if (booking.id !== undefined && interval.bookingId === booking.id) continue;
    const busyFrom = parseInstant(interval.start);
    const busyTo = parseInstant(interval.end);
    const fromMs = Math.max(occupiedFrom, busyFrom);
    const toMs = Math.min(occupiedTo, busyTo);
    if (fromMs >= toMs) continue;
    found.push({
      fromMs,
      conflict: {
        resource: interval.resource,
        busy: interval,
        overlap: { start: write(fromMs), end: write(toMs) },
        buffersOnly: appointmentsApart(interval, startMs, endMs, busyFrom, busyTo),
      },
    });
  }
  found.sort(
    (a, b) =>
      a.fromMs - b.fromMs ||
      KIND_ORDER[a.conflict.resource.kind] - KIND_ORDER[b.conflict.resource.kind] ||
      compareIds(a.conflict.resource.id, b.conflict.resource.id) ||
      parseInstant(a.conflict.busy.start) - parseInstant(b.conflict.busy.start),
  );
  return found.map((item) => item.conflict);
}

/** The whole of local `date` in `zone` as real time, midnight to midnight (23 or 25 hours on DST days). */
export function wholeLocalDay(zone: string, date: IsoDate): InstantInterval {
  assertTimeZone(zone);
  const day = dayNumber(date);
  return {
    start: formatInstant(zone, firstInstantAtOrAfter(zone, day, 0)),
    end: formatInstant(zone, firstInstantAtOrAfter(zone, day + 1, 0)),
  };
}
