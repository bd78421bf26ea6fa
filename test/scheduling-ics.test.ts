// Calendar files: structure, folding, escaping, and VTIMEZONE round trips: a small
// reader written here from RFC 5545 turns DTSTART;TZID=... back into an instant using
// only the file's own VTIMEZONE, and must land on the booking's instant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleBooking, exampleClinic } from '../src/domain/scheduling/examples.ts';
import { bookingToIcs, bookingsToIcsFeed, type Booking } from '../src/domain/scheduling/index.ts';
import { formatInstant } from '../src/domain/scheduling/zoned-time.ts';

const NY = 'America/New_York';
const clinic = exampleClinic({ id: 'c1', address: '12 Main St, Suite 4; Floor 2', calendarDomain: 'demo.puncta.test' });

const booking = (start: string, end: string, overrides: Partial<Booking> = {}) =>
  exampleBooking({
    id: 'b42',
    start,
    end,
    updatedAt: '2026-02-03T04:05:06Z',
    createdAt: '2026-02-01T00:00:00Z',
    version: 3,
    ...overrides,
  });

/** Physical lines (without their CRLF). */
const physicalLines = (text: string) => text.slice(0, -2).split('\r\n');
/** Content lines after unfolding. */
const unfold = (text: string) => text.replace(/\r\n /g, '').slice(0, -2).split('\r\n');

/** A property of the (first) event. */
function property(lines: string[], name: string): string | undefined {
  return lines
    .slice(lines.indexOf('BEGIN:VEVENT'))
    .find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));
}

// ---------------------------------------------------------------------------------
// A minimal reader of the file's own VTIMEZONE

interface Observance {
  onsetMs: number;
  fromMs: number;
  toMs: number;
  kind: string;
}

const offsetMs = (text: string) => {
  const sign = text.startsWith('-') ? -1 : 1;
  return sign * (Number(text.slice(1, 3)) * 60 + Number(text.slice(3, 5))) * 60_000;
};
const basicAsUtc = (text: string) =>
  Date.UTC(
    Number(text.slice(0, 4)),
    Number(text.slice(4, 6)) - 1,
    Number(text.slice(6, 8)),
    Number(text.slice(9, 11)),
    Number(text.slice(11, 13)),
    Number(text.slice(13, 15)),
  );

function observances(lines: string[]): Observance[] {
  const found: Observance[] = [];
  let current: Partial<Observance> & { local?: number } = {};
  for (const line of lines) {
    if (line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT') current = { kind: line.slice(6) };
    else if (line.startsWith('DTSTART:') && current.kind !== undefined) current.local = basicAsUtc(line.slice(8));
    else if (line.startsWith('TZOFFSETFROM:')) current.fromMs = offsetMs(line.slice(13));
    else if (line.startsWith('TZOFFSETTO:')) current.toMs = offsetMs(line.slice(11));
    else if (line === 'END:STANDARD' || line === 'END:DAYLIGHT') {
      found.push({
        kind: current.kind!,
        fromMs: current.fromMs!,
        toMs: current.toMs!,
        onsetMs: current.local! - current.fromMs!,
      });
      current = {};
    }
  }
  return found.sort((a, b) => a.onsetMs - b.onsetMs);
}

/** The instant a DTSTART/DTEND line names, by the file's VTIMEZONE (the first occurrence when ambiguous). */
function resolve(lines: string[], propertyLine: string): number {
  const value = propertyLine.slice(propertyLine.indexOf(':') + 1);
  if (value.endsWith('Z')) return basicAsUtc(value);
  const local = basicAsUtc(value);
  const list = observances(lines);
  const offsetAt = (ms: number) => {
    let offset = list[0]!.fromMs;
    for (const item of list) if (item.onsetMs <= ms) offset = item.toMs;
    return offset;
  };
  const candidates = [...new Set(list.map((item) => item.toMs))]
    .map((offset) => local - offset)
    .filter((ms) => local - offsetAt(ms) === ms)
    .sort((a, b) => a - b);
  if (candidates[0] === undefined) throw new Error(`${value} does not exist in the file's zone`);
  return candidates[0];
}

describe('bookingToIcs', () => {
  const summer = booking('2026-07-15T09:00:00-04:00', '2026-07-15T10:00:00-04:00');
  const text = bookingToIcs(summer, clinic);
  const lines = unfold(text);

  it('is a VCALENDAR with CRLF line ends, a VTIMEZONE and one VEVENT', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines.filter((line) => line === 'BEGIN:VTIMEZONE')).toHaveLength(1);
    expect(lines).toContain(`TZID:${NY}`);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  it('has a stable UID, DTSTAMP from the last change, SEQUENCE from the version, and local times with TZID', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'UID:booking-c1-b42@demo.puncta.test',
        'DTSTAMP:20260203T040506Z',
        'LAST-MODIFIED:20260203T040506Z',
        'CREATED:20260201T000000Z',
        'SEQUENCE:3',
        'DTSTART;TZID=America/New_York:20260715T090000',
        'DTEND;TZID=America/New_York:20260715T100000',
        'STATUS:CONFIRMED',
      ]),
    );
  });

  it('says where and when, and nothing clinical', () => {
    expect(property(lines, 'SUMMARY')).toBe('SUMMARY:Appointment at Demo Dermatology');
    expect(text).not.toContain(summer.serviceId);
    expect(text).not.toContain(summer.patientId);
    expect(text).not.toMatch(/needl|acne|scar|treatment/i);
  });

  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    const odd = exampleClinic({
      id: 'c1',
      name: 'Skin, Care; "Clinic"\\Co',
      address: 'Line one\nLine two\r\nLine three',
    });
    const oddLines = unfold(bookingToIcs(summer, odd));
    expect(property(oddLines, 'SUMMARY')).toBe('SUMMARY:Appointment at Skin\\, Care\\; "Clinic"\\\\Co');
    expect(property(oddLines, 'LOCATION')).toBe('LOCATION:Line one\\nLine two\\nLine three');
    expect(property(lines, 'LOCATION')).toBe('LOCATION:12 Main St\\, Suite 4\\; Floor 2');
  });

  it('folds lines longer than 75 octets without splitting a character, and unfolds back', () => {
    const name = 'Clinique Épiderme 東京 — ' + 'é'.repeat(40) + ' 🌿'.repeat(10);
    const long = bookingToIcs(summer, exampleClinic({ id: 'c1', name }));
    const encoder = new TextEncoder();
    for (const line of physicalLines(long)) {
      expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    expect(physicalLines(long).some((line) => line.startsWith(' '))).toBe(true);
    expect(property(unfold(long), 'SUMMARY')).toBe(`SUMMARY:Appointment at ${name}`);
  });

  it('marks holds tentative and cancelled bookings cancelled, so calendars update the event they have', () => {
    expect(unfold(bookingToIcs({ ...summer, status: 'held' }, clinic))).toContain('STATUS:TENTATIVE');
    const cancelled = unfold(bookingToIcs({ ...summer, status: 'cancelled', version: 4 }, clinic));
    expect(cancelled).toEqual(
      expect.arrayContaining(['STATUS:CANCELLED', 'SEQUENCE:4', 'UID:booking-c1-b42@demo.puncta.test']),
    );
  });

  it('is byte-for-byte the same for the same booking', () => {
    expect(bookingToIcs(summer, clinic)).toBe(text);
  });
});

describe('VTIMEZONE', () => {
  it('New York 2026: EST from 1 January, EDT from 8 March 02:00, EST from 1 November 02:00', () => {
    const lines = unfold(bookingToIcs(booking('2026-07-15T09:00:00-04:00', '2026-07-15T10:00:00-04:00'), clinic));
    const zone = lines.slice(lines.indexOf('BEGIN:VTIMEZONE'), lines.indexOf('END:VTIMEZONE') + 1);
    expect(zone).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:America/New_York',
      'BEGIN:STANDARD',
      'DTSTART:20260101T000000',
      'TZOFFSETFROM:-0500',
      'TZOFFSETTO:-0500',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:20260308T020000',
      'TZOFFSETFROM:-0500',
      'TZOFFSETTO:-0400',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'DTSTART:20261101T020000',
      'TZOFFSETFROM:-0400',
      'TZOFFSETTO:-0500',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('Sydney is on daylight time in January; Kolkata has one observance at +05:30', () => {
    const sydney = unfold(
      bookingToIcs(
        booking('2026-01-15T09:00:00+11:00', '2026-01-15T10:00:00+11:00'),
        exampleClinic({ timeZone: 'Australia/Sydney' }),
      ),
    );
    expect(observances(sydney).map((item) => [item.kind, item.toMs / 3_600_000])).toEqual([
      ['DAYLIGHT', 11],
      ['STANDARD', 10],
      ['DAYLIGHT', 11],
    ]);
    const kolkata = unfold(
      bookingToIcs(
        booking('2026-01-15T09:00:00+05:30', '2026-01-15T10:00:00+05:30'),
        exampleClinic({ timeZone: 'Asia/Kolkata' }),
      ),
    );
    expect(observances(kolkata)).toHaveLength(1);
    expect(kolkata).toEqual(expect.arrayContaining(['TZOFFSETFROM:+0530', 'TZOFFSETTO:+0530']));
  });

  const cases: [string, string, string][] = [
    [NY, '2026-07-15T09:00:00-04:00', 'summer'],
    [NY, '2026-01-15T09:00:00-05:00', 'winter'],
    ['Europe/London', '2026-07-15T09:00:00+01:00', 'summer'],
    ['Europe/London', '2026-12-15T09:00:00+00:00', 'winter'],
    [NY, '2026-03-08T03:00:00-04:00', 'the first hour after spring forward'],
    [NY, '2026-11-01T01:30:00-04:00', 'the first pass of the repeated hour'],
  ];
  for (const [zone, start, label] of cases) {
    it(`round-trips DTSTART with TZID to the booking's instant: ${zone}, ${label}`, () => {
      const startMs = Date.parse(start);
      const lines = unfold(
        bookingToIcs(booking(start, new Date(startMs + 3_600_000).toISOString()), exampleClinic({ timeZone: zone })),
      );
      expect(property(lines, 'DTSTART')).toContain(`;TZID=${zone}:`);
      expect(resolve(lines, property(lines, 'DTSTART')!)).toBe(startMs);
      expect(resolve(lines, property(lines, 'DTEND')!)).toBe(startMs + 3_600_000);
    });
  }

  it('writes the second pass of a repeated hour in UTC, since local time would name the first', () => {
    const lines = unfold(bookingToIcs(booking('2026-11-01T01:30:00-05:00', '2026-11-01T02:30:00-05:00'), clinic));
    expect(property(lines, 'DTSTART')).toBe('DTSTART:20261101T063000Z');
    expect(property(lines, 'DTEND')).toBe('DTEND;TZID=America/New_York:20261101T023000');
    expect(resolve(lines, property(lines, 'DTSTART')!)).toBe(Date.parse('2026-11-01T01:30:00-05:00'));
  });

  it('round-trips every booking in any zone and year (property)', () => {
    const zones = [
      NY,
      'Europe/London',
      'Europe/Berlin',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Kolkata',
      'Pacific/Chatham',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 0, 1) }).map((ms) => ms - (ms % 300_000)),
        fc.integer({ min: 1, max: 48 }).map((n) => n * 15 * 60_000),
        (zone, startMs, length) => {
          const lines = unfold(
            bookingToIcs(
              booking(formatInstant(zone, startMs), formatInstant(zone, startMs + length)),
              exampleClinic({ timeZone: zone }),
            ),
          );
          expect(resolve(lines, property(lines, 'DTSTART')!)).toBe(startMs);
          expect(resolve(lines, property(lines, 'DTEND')!)).toBe(startMs + length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('bookingsToIcsFeed', () => {
  const many = [
    booking('2027-01-20T09:00:00-05:00', '2027-01-20T10:00:00-05:00', { id: 'b3' }),
    booking('2026-06-01T09:00:00-04:00', '2026-06-01T10:00:00-04:00', { id: 'b2' }),
    booking('2026-06-01T09:00:00-04:00', '2026-06-01T10:00:00-04:00', { id: 'b1', practitionerId: 'prac-b' }),
    booking('2026-07-01T09:00:00-04:00', '2026-07-01T10:00:00-04:00', { id: 'gone', status: 'cancelled' }),
  ];

  it('holds every active booking in start order, with one VTIMEZONE covering all their years', () => {
    const lines = unfold(bookingsToIcsFeed(many, clinic, { name: 'Dr A, appointments' }));
    expect(lines.filter((line) => line.startsWith('UID:'))).toEqual([
      'UID:booking-c1-b1@demo.puncta.test',
      'UID:booking-c1-b2@demo.puncta.test',
      'UID:booking-c1-b3@demo.puncta.test',
    ]);
    expect(lines.filter((line) => line === 'BEGIN:VTIMEZONE')).toHaveLength(1);
    expect(lines).toEqual(expect.arrayContaining(['NAME:Dr A\\, appointments', 'X-WR-CALNAME:Dr A\\, appointments']));
    const onsets = lines.filter((line) => line.startsWith('DTSTART:')).map((line) => line.slice(8, 12));
    expect(onsets).toEqual(['2026', '2026', '2026', '2027', '2027']);
    for (const line of lines.filter((item) => item.startsWith('DTSTART;'))) {
      const start = many.find((item) => resolve(lines, line) === Date.parse(item.start));
      expect(start).toBeDefined();
    }
  });

  it('is a valid empty calendar when there is nothing to show', () => {
    const text = bookingsToIcsFeed([], clinic, { name: 'Nothing' });
    expect(unfold(text)).not.toContain('BEGIN:VTIMEZONE');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
