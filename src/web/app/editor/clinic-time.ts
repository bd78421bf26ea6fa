// Wall-clock times in the clinic's time zone, for the "publish at" field. A
// datetime-local input has no zone of its own: the editor types the clinic's
// local time (whatever zone their own computer is in), and this turns it into
// an instant and back. Daylight saving is handled by asking Intl for the
// zone's offset at the instant itself, twice, so a time near a change is right.

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockParts(zone: string, instant: Date): Record<string, number> {
  let format = partsFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function offsetAt(zone: string, instant: Date): number {
  const p = wallClockParts(zone, instant);
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * "2026-12-01T09:00" on the clinic's clocks as an instant; undefined for a value
 * that is not a date and time. A time skipped by a spring-forward change lands
 * just after the change.
 */
export function clinicTimeToInstant(local: string, zone: string): Date | undefined {
  const match = LOCAL.exec(local);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const first = naive - offsetAt(zone, new Date(naive));
  const second = naive - offsetAt(zone, new Date(first));
  return new Date(second);
}

/** An instant as the "YYYY-MM-DDTHH:mm" a datetime-local input shows, on the clinic's clocks. */
export function instantToClinicTime(instant: Date, zone: string): string {
  const p = wallClockParts(zone, instant);
  const two = (value: number | undefined) => String(value ?? 0).padStart(2, '0');
  return `${p.year ?? 1970}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** "New York" for America/New_York: how the field's label names the zone. */
export function zoneCity(zone: string): string {
  return (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');
}
