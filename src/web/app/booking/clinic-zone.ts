// Times for bookings, always on the clinic's clocks, never the browser's: every
// formatter here takes the clinic's IANA zone (from the availability answer or the
// session) and passes it to Intl. The zone is named next to every list of times
// ("Times are in New York time (EST)"), and a time whose zone abbreviation differs
// from the day's others (the repeated hour when clocks go back) carries its own.

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${zone}|${key}`;
  let cached = formats.get(id);
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
    formats.set(id, cached);
  }
  return cached;
}

function valid(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "2026-01-05": the local date of an instant in the zone (keys for grouping slots by day). */
export function localDateKey(iso: string, zone: string): string {
  const date = valid(iso);
  if (date === undefined) return iso.slice(0, 10);
  const parts = format(zone, 'key', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "9:30 AM" */
export function formatTime(iso: string, zone: string): string {
  const date = valid(iso);
  return date === undefined ? iso : format(zone, 'time', { hour: 'numeric', minute: '2-digit' }).format(date);
}

/** "EST", "EDT", "GMT+1": the zone's short name at that instant. */
export function zoneAbbreviation(iso: string | Date, zone: string): string {
  const date = typeof iso === 'string' ? valid(iso) : iso;
  if (date === undefined) return '';
  const part = format(zone, 'abbr', { timeZoneName: 'short' })
    .formatToParts(date)
    .find((entry) => entry.type === 'timeZoneName');
  return part?.value ?? '';
}

/** "Monday, January 5, 2026" */
export function formatLongDate(iso: string, zone: string): string {
  const date = valid(iso);
  return date === undefined
    ? iso
    : format(zone, 'long', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(date);
}

/** "Mon, Jan 5" */
export function formatShortDate(iso: string, zone: string): string {
  const date = valid(iso);
  return date === undefined
    ? iso
    : format(zone, 'short', { weekday: 'short', month: 'short', day: 'numeric' }).format(date);
}

/** "Jan 5" */
export function formatMonthDay(iso: string, zone: string): string {
  const date = valid(iso);
  return date === undefined ? iso : format(zone, 'md', { month: 'short', day: 'numeric' }).format(date);
}

/** "Monday, January 5, 2026 at 9:30 AM EST": a whole appointment time with its zone. */
export function formatAppointment(iso: string, zone: string): string {
  return `${formatLongDate(iso, zone)} at ${formatTime(iso, zone)} ${zoneAbbreviation(iso, zone)}`.trim();
}

/** "New York" for America/New_York. */
export function zoneCity(zone: string): string {
  return (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');
}

/**
 * "Times are in New York time (EST)", or "(EST and EDT)" when the times shown
 * span a change of the clocks.
 */
export function zoneSentence(zone: string, instants: readonly string[]): string {
  const names = [
    ...new Set((instants.length > 0 ? instants : [new Date().toISOString()]).map((iso) => zoneAbbreviation(iso, zone))),
  ].filter((name) => name !== '');
  const abbreviations = names.length === 0 ? '' : ` (${names.join(' and ')})`;
  return `Times are in ${zoneCity(zone)} time${abbreviations}, the clinic’s local time.`;
}

/** Calendar arithmetic on "YYYY-MM-DD" keys, without any zone. */
export function addDaysToKey(key: string, days: number): string {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return date.toISOString().slice(0, 10);
}

/** Weekday of a "YYYY-MM-DD" key, 0 = Monday. */
export function weekdayOfKey(key: string): number {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/** "Mon" / "5" / "Jan" for a "YYYY-MM-DD" key (a calendar date, so formatted at noon UTC in UTC). */
export function keyParts(key: string): {
  weekday: string;
  weekdayLong: string;
  day: string;
  month: string;
  long: string;
} {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  return {
    weekday: format('UTC', 'kw', { weekday: 'short' }).format(date),
    weekdayLong: format('UTC', 'kwl', { weekday: 'long' }).format(date),
    day: String(day),
    month: format('UTC', 'km', { month: 'short' }).format(date),
    long: format('UTC', 'kl', { weekday: 'long', month: 'long', day: 'numeric' }).format(date),
  };
}

/** "$120.00" in the clinic's currency. */
export function formatPrice(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/** "30 minutes", "1 hour", "1 hour 30 minutes" */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours === 0 ? '' : hours === 1 ? '1 hour' : `${hours} hours`;
  const m = rest === 0 ? '' : rest === 1 ? '1 minute' : `${rest} minutes`;
  return [h, m].filter(Boolean).join(' ') || '0 minutes';
}
