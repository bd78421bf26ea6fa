// Wall clocks of an IANA zone <-> instants, from the runtime's Intl data (Node 20 and
// browsers ship the tz database). time-zone.ts validates zone names and gives the
// local date of an instant; this file adds the other direction (a local date and
// wall-clock time to the instants it names: none in a spring-forward gap, two in a
// fall-back overlap) and fast offsets for the availability search.
//
// How: for each day the offsets over a 60-hour window around it are sampled every
// 6 hours, and each change between two samples is located to the second by
// bisection. The window is cached, so a search over a month asks Intl about each day
// a handful of times at most. Assumption (true of the tz database since 1970): a zone
// changes its offset at most once within 6 hours.
//
// Instants are numbers here (milliseconds since the epoch); days are day numbers
// (days since 1970-01-01 of the local calendar date); times of day are minutes.
import { isIsoDate, type IsoDate } from '../clinical/iso-date.ts';
import { InvalidInputError } from '../errors.ts';
import { isIanaTimeZone } from '../time-zone.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Offsets the windows reach: modern zones lie within −12:00 and +14:00. */
const REACH_MS = 18 * HOUR_MS;
const SAMPLE_MS = 6 * HOUR_MS;
const CACHE_LIMIT = 20_000;

interface Segment {
  /** [start, end) in epoch ms, with this offset (local − UTC, in ms). */
  start: number;
  end: number;
  offset: number;
}

/** The offsets from day·24h − 18h to (day + 1)·24h + 18h: every instant of local date `day`, and of UTC date `day`. */
type ZoneWindow = readonly Segment[];

const formats = new Map<string, Intl.DateTimeFormat>();
const windows = new Map<string, Map<number, ZoneWindow>>();
const checkedZones = new Set<string>();

/** Throws InvalidInputError unless `zone` is an IANA zone the runtime knows. */
export function assertTimeZone(zone: string): void {
  if (checkedZones.has(zone)) return;
  if (!isIanaTimeZone(zone)) throw new InvalidInputError('invalid_time_zone', `${zone} is not an IANA time zone.`);
  checkedZones.add(zone);
}

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  return format;
}

/** Local − UTC at `ms` (a whole second), asked of Intl. */
function intlOffset(zone: string, ms: number): number {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatFor(zone).formatToParts(ms)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const local = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  return local - ms;
}

function buildWindow(zone: string, day: number): ZoneWindow {
  const from = day * DAY_MS - REACH_MS;
  const to = (day + 1) * DAY_MS + REACH_MS;
  const segments: Segment[] = [];
  let start = from;
  let offset = intlOffset(zone, from);
  for (let sample = from + SAMPLE_MS; sample <= to; sample += SAMPLE_MS) {
    const next = intlOffset(zone, sample);
    if (next === offset) continue;
    // The first whole second in (low, high] with the new offset.
    let low = sample - SAMPLE_MS;
    let high = sample;
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (intlOffset(zone, middle) === offset) low = middle;
      else high = middle;
    }
    segments.push({ start, end: high, offset });
    start = high;
    offset = next;
  }
  segments.push({ start, end: to, offset });
  return segments;
}

function windowFor(zone: string, day: number): ZoneWindow {
  let byDay = windows.get(zone);
  if (byDay === undefined) {
    byDay = new Map();
    windows.set(zone, byDay);
  }
  let window = byDay.get(day);
  if (window === undefined) {
    if (byDay.size >= CACHE_LIMIT) byDay.clear();
    window = buildWindow(zone, day);
    byDay.set(day, window);
  }
  return window;
}

/** The zone's offset throughout local `day` and the hours around it, or null when it changes then. */
export function steadyOffset(zone: string, day: number): number | null {
  const window = windowFor(zone, day);
  return window.length === 1 ? window[0]!.offset : null;
}

/** Local − UTC at `ms`, in ms (−4 h in New York in summer is −14 400 000). */
export function offsetAt(zone: string, ms: number): number {
  const window = windowFor(zone, Math.floor(ms / DAY_MS));
  for (const segment of window) if (ms < segment.end) return segment.offset;
  return window[window.length - 1]!.offset;
}

export function localDayOf(zone: string, ms: number): number {
  return Math.floor((ms + offsetAt(zone, ms)) / DAY_MS);
}

/**
 * The instants at which the zone's clocks read `minute` (0-1440) on local `day`,
 * earliest first: one on an ordinary day, none in a spring-forward gap, two in a
 * fall-back overlap.
 */
export function wallClockInstants(zone: string, day: number, minute: number): number[] {
  return instantsAtLocal(zone, day * DAY_MS + minute * MINUTE_MS);
}

/** The instants at which the zone's clocks read `local` (a wall-clock time written as if it were UTC ms), earliest first. */
export function instantsAtLocal(zone: string, local: number): number[] {
  const found: number[] = [];
  for (const segment of windowFor(zone, Math.floor(local / DAY_MS))) {
    const candidate = local - segment.offset;
    if (candidate >= segment.start && candidate < segment.end) found.push(candidate);
  }
  return found.length > 1 ? found.sort((a, b) => a - b) : found;
}

/**
 * The first instant at which the zone's clocks read `minute` on local `day` or later:
 * the instant itself on an ordinary day, the earlier of two in an overlap, and the
 * end of the gap (the moment the clocks jump) when that time does not exist. This is
 * how the start and end of working hours become instants: a shift from 01:00 to 03:00
 * on a fall-back night lasts three real hours, on a spring-forward night one.
 */
export function firstInstantAtOrAfter(zone: string, day: number, minute: number): number {
  const local = day * DAY_MS + minute * MINUTE_MS;
  const window = windowFor(zone, day);
  for (let index = 0; index < window.length; index++) {
    const segment = window[index]!;
    const candidate = local - segment.offset;
    if (candidate >= segment.start && candidate < segment.end) return candidate;
    const next = window[index + 1];
    // In the gap: before the jump the clocks had not reached `local`, after it they are past it.
    if (next !== undefined && segment.end + segment.offset <= local && local < next.start + next.offset) {
      return segment.end;
    }
  }
  throw new InvalidInputError('unsupported_time', `No instant found for minute ${minute} of day ${day} in ${zone}.`);
}

export interface OffsetTransition {
  /** The first instant with the new offset. */
  atMs: number;
  fromOffset: number;
  toOffset: number;
}

const transitionCache = new Map<string, readonly OffsetTransition[]>();

/** The zone's offset changes in UTC year `year`, in order (sampled every 6 hours, located to the second). */
function transitionsInYear(zone: string, year: number): readonly OffsetTransition[] {
  const key = `${zone}|${year}`;
  const cached = transitionCache.get(key);
  if (cached !== undefined) return cached;
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  const found: OffsetTransition[] = [];
  let offset = intlOffset(zone, from);
  for (let sample = from + SAMPLE_MS; sample <= to; sample += SAMPLE_MS) {
    const next = intlOffset(zone, sample);
    if (next === offset) continue;
    let low = sample - SAMPLE_MS;
    let high = sample;
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (intlOffset(zone, middle) === offset) low = middle;
      else high = middle;
    }
    found.push({ atMs: high, fromOffset: offset, toOffset: next });
    offset = next;
  }
  if (transitionCache.size >= CACHE_LIMIT) transitionCache.clear();
  transitionCache.set(key, found);
  return found;
}

/** The zone's offset changes at instants in [fromMs, toMs), in order. */
export function offsetTransitions(zone: string, fromMs: number, toMs: number): OffsetTransition[] {
  const result: OffsetTransition[] = [];
  const lastYear = new Date(toMs).getUTCFullYear();
  for (let year = new Date(fromMs).getUTCFullYear(); year <= lastYear; year++) {
    for (const transition of transitionsInYear(zone, year)) {
      if (transition.atMs >= fromMs && transition.atMs < toMs) result.push(transition);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------
// Local dates as day numbers

export function dayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new InvalidInputError('invalid_date', `${date} is not a calendar date (YYYY-MM-DD).`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOfDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

// ---------------------------------------------------------------------------------
// Wall-clock times

const WALL_CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` (or `24:00`, the end of the day) as minutes since local midnight. */
export function parseWallClock(text: string): number {
  if (text === '24:00') return 1440;
  const match = WALL_CLOCK.exec(text);
  if (match === null) throw new InvalidInputError('invalid_time', `${text} is not a wall-clock time (HH:MM).`);
  return Number(match[1]) * 60 + Number(match[2]);
}

// ---------------------------------------------------------------------------------
// Instants as text

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses ISO 8601 with an offset or Z into epoch ms. Rejects naive timestamps,
 * impossible dates (2026-02-30, which Date.parse would roll into March), years
 * before 1000 and out-of-range fields, so that no input is silently reinterpreted.
 */
export function parseInstant(text: string): number {
  const fast = parseCommonInstant(text);
  if (fast !== null) return fast;
  const match = INSTANT.exec(text);
  if (match === null) return refuseInstant(text);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const millis = match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0').slice(0, 3));
  if (
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return refuseInstant(text);
  }
  let offset = 0;
  if (match[8] === undefined) {
    const hours = Number(match[10]);
    const minutes = Number(match[11]);
    if (hours > 23 || minutes > 59) return refuseInstant(text);
    offset = (match[9] === '-' ? -1 : 1) * (hours * 60 + minutes) * MINUTE_MS;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
}

/** Two ASCII digits at `at` as a number, or NaN. */
function digits2(text: string, at: number): number {
  const high = text.charCodeAt(at) - 48;
  const low = text.charCodeAt(at + 1) - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : NaN;
}

/**
 * The two shapes this code and the database write, YYYY-MM-DDTHH:MM:SS±HH:MM and
 * YYYY-MM-DDTHH:MM:SSZ, read without a regular expression (a search reads every
 * booking's times). Anything else, valid or not, is left to the full parser.
 */
function parseCommonInstant(text: string): number | null {
  const length = text.length;
  if (length !== 20 && length !== 25) return null;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return null;
  const year = digits2(text, 0) * 100 + digits2(text, 2);
  const month = digits2(text, 5);
  const day = digits2(text, 8);
  const hour = digits2(text, 11);
  const minute = digits2(text, 14);
  const second = digits2(text, 17);
  let offset = 0;
  if (length === 20) {
    if (text[19] !== 'Z') return null;
  } else {
    const sign = text[19];
    if ((sign !== '+' && sign !== '-') || text[22] !== ':') return null;
    const hours = digits2(text, 20);
    const minutes = digits2(text, 23);
    if (!(hours <= 23 && minutes <= 59)) return null;
    offset = (sign === '-' ? -1 : 1) * (hours * 60 + minutes) * MINUTE_MS;
  }
  // NaN fails every comparison, so a non-digit anywhere falls through to the full parser.
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59)) {
    return null;
  }
  if (day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second) - offset;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function refuseInstant(text: string): never {
  throw new InvalidInputError(
    'invalid_instant',
    `${text} is not an instant: write ISO 8601 with an offset, e.g. 2026-03-08T09:00:00-04:00.`,
  );
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * `ms` as ISO 8601 in the zone's offset at that moment: 2026-03-08T09:00:00-04:00
 * (+00:00 rather than Z for a zone at UTC). Offsets with seconds (local mean time
 * before 1972 in a few zones) cannot be written that way: those instants are written in UTC.
 */
export function formatInstant(zone: string, ms: number): string {
  const offset = offsetAt(zone, ms);
  if (offset % MINUTE_MS !== 0) return new Date(ms).toISOString().replace('.000Z', 'Z');
  const local = new Date(ms + offset);
  const fraction = local.getUTCMilliseconds() === 0 ? '' : `.${pad(local.getUTCMilliseconds(), 3)}`;
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset) / MINUTE_MS;
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}` +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}

/** The local calendar date of `ms` in `zone`. */
export function localDateOf(zone: string, ms: number): IsoDate {
  return dateOfDay(localDayOf(zone, ms));
}
