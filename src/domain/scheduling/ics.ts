// iCalendar (RFC 5545) files for bookings: one booking (the confirmation email's
// attachment, GET /bookings/:id.ics) or a feed of many (a practitioner's or
// patient's subscription). Pure text generation: the caller passes the bookings.
//
// Times are written as local times with TZID=<clinic zone>, and the file carries a
// VTIMEZONE built from the runtime's tz data: one observance per offset change in
// the years the events fall in (explicit observances, no RRULE, so nothing has to
// guess a rule such as "last Sunday of October" from the data), preceded by one
// observance holding the offset in effect on 1 January of the first year. A start in
// the repeated hour of a fall-back night that is the second occurrence cannot be
// written as local time (RFC 5545 resolves such a time to the first occurrence), so it
// is written in UTC instead.
import { InvalidInputError } from '../errors.ts';
import type { Booking, BookingStatus, Clinic } from './types.ts';
import {
  DAY_MS,
  assertTimeZone,
  instantsAtLocal,
  offsetAt,
  offsetTransitions,
  parseInstant,
  type OffsetTransition,
} from './zoned-time.ts';

const PRODID = '-//Puncta//Scheduling 1.0//EN';
const MAX_OCTETS = 75;

export type IcsClinic = Pick<Clinic, 'id' | 'name' | 'timeZone' | 'address' | 'calendarDomain'>;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Basic format date-time of epoch `ms` read as UTC fields: 20260308T090000. */
function basic(ms: number): string {
  const date = new Date(ms);
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}

function utc(ms: number): string {
  return `${basic(ms)}Z`;
}

/** ±HHMM (±HHMMSS for offsets with seconds). */
function utcOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const seconds = Math.abs(offsetMs) / 1000;
  const text = `${sign}${pad(Math.floor(seconds / 3600))}${pad(Math.floor((seconds % 3600) / 60))}`;
  return seconds % 60 === 0 ? text : `${text}${pad(seconds % 60)}`;
}

/** TEXT value escaping: backslash, semicolon, comma, newlines; other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ''); // eslint-disable-line no-control-regex
}

const encoder = new TextEncoder();

/**
 * Folds a content line into pieces of at most 75 octets (UTF-8), continuation
 * lines starting with one space, never splitting a character.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const character of line) {
    const size = encoder.encode(character).length;
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space counts
    }
    current += character;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

function serialize(lines: readonly string[]): string {
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------
// VTIMEZONE

/** Whether `offset` is summer time in that year: above the lower of the offsets on 1 January and 1 July. */
function isDaylight(zone: string, atMs: number, offset: number): boolean {
  const year = new Date(atMs).getUTCFullYear();
  const standard = Math.min(offsetAt(zone, Date.UTC(year, 0, 1)), offsetAt(zone, Date.UTC(year, 6, 1)));
  return offset > standard;
}

function observance(zone: string, onsetMs: number, fromOffset: number, toOffset: number): string[] {
  const kind = isDaylight(zone, onsetMs, toOffset) ? 'DAYLIGHT' : 'STANDARD';
  return [
    `BEGIN:${kind}`,
    // The onset as the clocks read it just before the change.
    `DTSTART:${basic(onsetMs + fromOffset)}`,
    `TZOFFSETFROM:${utcOffset(fromOffset)}`,
    `TZOFFSETTO:${utcOffset(toOffset)}`,
    `END:${kind}`,
  ];
}

/** A VTIMEZONE for `zone` that is exact from 1 January of `firstYear` to the end of `lastYear` (local). */
export function vtimezone(zone: string, firstYear: number, lastYear: number): string[] {
  assertTimeZone(zone);
  const fromMs = instantsAtLocal(zone, Date.UTC(firstYear, 0, 1))[0] ?? Date.UTC(firstYear, 0, 1);
  const toMs = Date.UTC(lastYear + 1, 0, 1) + DAY_MS; // a day past the end, whatever the offset
  const initial = offsetAt(zone, fromMs);
  const transitions: OffsetTransition[] = offsetTransitions(zone, fromMs + 1, toMs);
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    ...observance(zone, fromMs, initial, initial),
    ...transitions.flatMap((transition) =>
      observance(zone, transition.atMs, transition.fromOffset, transition.toOffset),
    ),
    'END:VTIMEZONE',
  ];
}

// ---------------------------------------------------------------------------------
// Events

/**
 * `DTSTART;TZID=zone:20260308T090000`, or the UTC form when the local time would
 * name another instant (the second pass through a repeated hour).
 */
function dateTimeProperty(name: string, zone: string, ms: number): string {
  const local = ms + offsetAt(zone, ms);
  const resolved = instantsAtLocal(zone, local)[0];
  if (resolved !== ms || (local - ms) % 60_000 !== 0) return `${name}:${utc(ms)}`;
  return `${name};TZID=${zone}:${basic(local)}`;
}

const STATUS: Record<BookingStatus, string> = {
  held: 'TENTATIVE',
  confirmed: 'CONFIRMED',
  completed: 'CONFIRMED',
  no_show: 'CONFIRMED',
  cancelled: 'CANCELLED',
};

function uid(booking: Booking, clinic: IcsClinic): string {
  return `booking-${clinic.id}-${booking.id}@${clinic.calendarDomain ?? 'puncta.invalid'}`;
}

function eventLines(booking: Booking, clinic: IcsClinic): string[] {
  const zone = clinic.timeZone;
  const startMs = parseInstant(booking.start);
  const endMs = parseInstant(booking.end);
  if (endMs <= startMs) throw new InvalidInputError('invalid_range', `Booking ${booking.id} ends before it starts.`);
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(uid(booking, clinic))}`,
    `DTSTAMP:${utc(parseInstant(booking.updatedAt))}`,
    `CREATED:${utc(parseInstant(booking.createdAt))}`,
    `LAST-MODIFIED:${utc(parseInstant(booking.updatedAt))}`,
    `SEQUENCE:${booking.version}`,
    dateTimeProperty('DTSTART', zone, startMs),
    dateTimeProperty('DTEND', zone, endMs),
    // No service name, practitioner note or treatment area: calendars are shared and synced.
    `SUMMARY:${escapeText(`Appointment at ${clinic.name}`)}`,
  ];
  if (clinic.address !== undefined && clinic.address !== '') lines.push(`LOCATION:${escapeText(clinic.address)}`);
  lines.push(`STATUS:${STATUS[booking.status]}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  return lines;
}

function localYear(zone: string, ms: number): number {
  return new Date(ms + offsetAt(zone, ms)).getUTCFullYear();
}

function calendar(bookings: readonly Booking[], clinic: IcsClinic, header: readonly string[]): string {
  assertTimeZone(clinic.timeZone);
  const zone = clinic.timeZone;
  const years = bookings.flatMap((booking) => [
    localYear(zone, parseInstant(booking.start)),
    localYear(zone, parseInstant(booking.end)),
  ]);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN', ...header];
  if (years.length > 0) lines.push(...vtimezone(zone, Math.min(...years), Math.max(...years)));
  for (const booking of bookings) lines.push(...eventLines(booking, clinic));
  lines.push('END:VCALENDAR');
  return serialize(lines);
}

/**
 * One booking as a calendar file: VCALENDAR with the clinic's VTIMEZONE and one
 * VEVENT. UID is stable per booking, SEQUENCE is the booking's version and DTSTAMP
 * its last change, so a moved or cancelled booking (STATUS:CANCELLED) updates the
 * event a calendar app already has. CRLF line ends, lines folded at 75 octets.
 */
export function bookingToIcs(booking: Booking, clinic: IcsClinic): string {
  return calendar([booking], clinic, ['METHOD:PUBLISH']);
}

/**
 * A subscription feed: every booking that is not cancelled (cancelled ones drop out
 * of subscribed calendars on the next refresh), ordered by start then id, with one
 * VTIMEZONE covering all their years.
 */
export function bookingsToIcsFeed(bookings: readonly Booking[], clinic: IcsClinic, options: { name: string }): string {
  const events = bookings
    .filter((booking) => booking.status !== 'cancelled')
    .map((booking) => ({ booking, startMs: parseInstant(booking.start) }))
    .sort((a, b) => a.startMs - b.startMs || (a.booking.id < b.booking.id ? -1 : a.booking.id > b.booking.id ? 1 : 0))
    .map(({ booking }) => booking);
  return calendar(events, clinic, [
    'METHOD:PUBLISH',
    `NAME:${escapeText(options.name)}`,
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${clinic.timeZone}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ]);
}
