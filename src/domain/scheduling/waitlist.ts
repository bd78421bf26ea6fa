// Waitlist matching: when a slot frees up, who should be offered it.
import type { Instant, IsoDate, Slot } from './types.ts';
import { assertTimeZone, dayNumber, localDayOf, parseInstant } from './zoned-time.ts';

export interface WaitlistEntry {
  id: string;
  patientId: string;
  serviceId: string;
  /** Only this practitioner (a same-practitioner series); null or absent: anyone. */
  practitionerId?: string | null;
  /** The local dates the patient's next session may fall on (from their plan's interval), inclusive. */
  windowStart: IsoDate;
  windowEnd: IsoDate;
  /** When the patient joined the waitlist: the longest wait is offered first. */
  waitingSince: Instant;
}

/** A slot that has become free, for one service. */
export interface FreedSlot extends Slot {
  serviceId: string;
}

/**
 * Entries for the freed slot's service whose next-session window contains the
 * slot's local date (in the clinic's zone) and whose practitioner, if they named
 * one, gives the slot; longest waiting first, then by entry id.
 */
export function waitlistCandidates(
  freed: FreedSlot,
  entries: readonly WaitlistEntry[],
  options: { timeZone: string },
): WaitlistEntry[] {
  assertTimeZone(options.timeZone);
  const day = localDayOf(options.timeZone, parseInstant(freed.start));
  const matches = (entry: WaitlistEntry) =>
    entry.serviceId === freed.serviceId &&
    (entry.practitionerId === undefined ||
      entry.practitionerId === null ||
      entry.practitionerId === freed.practitionerId) &&
    dayNumber(entry.windowStart) <= day &&
    day <= dayNumber(entry.windowEnd);
  return entries
    .filter(matches)
    .map((entry) => ({ entry, since: parseInstant(entry.waitingSince) }))
    .sort((a, b) => a.since - b.since || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0))
    .map(({ entry }) => entry);
}
