// The plain data the scheduling functions work on. Nothing here knows about the
// database or HTTP: the server loads these shapes, calls a function, and stores or
// presents what comes back. See README.md in this folder for what each function
// guarantees.
import type { IsoDate } from '../clinical/iso-date.ts';

export type { IsoDate };

/**
 * A moment in time written ISO 8601 with an explicit offset or Z:
 * `2026-03-08T09:00:00-04:00`. Naive timestamps (no offset) are rejected, since
 * they name no instant. Functions that return instants write them in the clinic's
 * offset at that moment.
 */
export type Instant = string;

/** A wall-clock time in the clinic's zone, `HH:MM`, from `00:00` to `24:00` (end of day). */
export type WallClockTime = string;

/** ISO weekdays, as keys of weekly hours. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Part of a day on the clinic's wall clocks: `start` before `end`, never across midnight. */
export interface WallClockInterval {
  start: WallClockTime;
  end: WallClockTime;
}

/** A stretch of real time, [start, end): the end instant itself is free again. */
export interface InstantInterval {
  start: Instant;
  end: Instant;
}

export interface Clinic {
  id: string;
  /** Shown in calendar files; never combined with clinical detail. */
  name: string;
  /** IANA zone, e.g. America/New_York: hours, holidays and day counts are in this zone. */
  timeZone: string;
  /** Local dates on which the whole clinic is closed. */
  holidays: readonly IsoDate[];
  /** Postal address for the calendar file's LOCATION, when known. */
  address?: string;
  /** Host name used in calendar UIDs (`booking-<clinic>-<booking>@<domain>`); default `puncta.invalid`. */
  calendarDomain?: string;
}

/** What a service needs from the device pool. */
export type DeviceNeed =
  | { kind: 'none' }
  /** Any device of this class (e.g. `pen`). */
  | { kind: 'class'; deviceClass: string }
  /** One of these devices. */
  | { kind: 'ids'; deviceIds: readonly string[] };

export interface Service {
  id: string;
  /** The appointment itself, in minutes of real time. */
  durationMinutes: number;
  /** Set-up before the appointment: practitioner, room and device are occupied. */
  bufferBeforeMinutes: number;
  /** Cleaning after the appointment: practitioner, room and device are occupied. */
  bufferAfterMinutes: number;
  /** Practitioners allowed to give this service. */
  practitionerIds: readonly string[];
  /** When given, the room must be one of these. */
  roomIds?: readonly string[];
  /** When given, the room's type must be one of these. */
  roomTypes?: readonly string[];
  device: DeviceNeed;
}

export interface Practitioner {
  id: string;
  /** Working hours per weekday on the clinic's wall clocks; several intervals a day allowed. */
  weeklyHours: Partial<Readonly<Record<Weekday, readonly WallClockInterval[]>>>;
  /** Absences as real time (a day off is midnight to midnight in the clinic's zone). */
  timeOff: readonly InstantInterval[];
}

export interface Room {
  id: string;
  type: string;
}

export interface Device {
  id: string;
  deviceClass: string;
}

/**
 * `held`: reserved for a few minutes while a patient confirms (until `holdExpiresAt`);
 * `confirmed`: booked; `completed` and `no_show` still occupied their time;
 * `cancelled`: frees its time.
 */
export type BookingStatus = 'held' | 'confirmed' | 'completed' | 'no_show' | 'cancelled';

export interface Booking {
  id: string;
  serviceId: string;
  patientId: string;
  practitionerId: string;
  roomId: string;
  deviceId: string | null;
  /** The appointment itself; buffers come on top. */
  start: Instant;
  end: Instant;
  /** The service's buffers when the booking was made (a later change of the service does not move them). */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  status: BookingStatus;
  /** For `held` bookings: the hold stops occupying time at this instant. */
  holdExpiresAt?: Instant;
  createdAt: Instant;
  /** Last change; the calendar file's DTSTAMP and LAST-MODIFIED. */
  updatedAt: Instant;
  /** Increases with every change; the calendar file's SEQUENCE. */
  version: number;
}

export type ResourceKind = 'practitioner' | 'room' | 'device';

export interface ResourceRef {
  kind: ResourceKind;
  id: string;
}

export type BusyReason = 'booking' | 'hold' | 'time_off' | 'block';

/**
 * Time one resource is not available, [start, end). A booking's intervals already
 * include its buffers: [start − bufferBefore, end + bufferAfter).
 */
export interface BusyInterval {
  resource: ResourceRef;
  start: Instant;
  end: Instant;
  reason: BusyReason;
  /** The booking or hold this interval comes from. */
  bookingId?: string;
  /** For a booking or hold: the appointment itself, without its buffers. */
  appointment?: InstantInterval;
}

export interface BookingRules {
  /** A slot starts at least this long after `now`. */
  minimumNoticeMinutes: number;
  /** The last bookable local date is today (in the clinic's zone) plus this many days. */
  maxDaysAhead: number;
  /** Slot starts sit on this grid of the clinic's wall clock, counted from local midnight (15 → :00, :15, :30, :45). */
  slotStepMinutes: number;
  /** At most this many active bookings per practitioner per local day; absent or null: no cap. */
  dailyCapPerPractitioner?: number | null;
  /** A patient may cancel until this long before the start. */
  cancellationNoticeMinutes: number;
  /** A patient may move a booking until this long before its start. */
  moveNoticeMinutes: number;
  /** How far ahead a whole treatment series may reach (default 365 days). */
  seriesMaxDaysAhead?: number;
}

/** A bookable start: the appointment itself (no buffers), with the resources it would use. */
export interface Slot {
  start: Instant;
  end: Instant;
  practitionerId: string;
  roomId: string;
  deviceId: string | null;
}

/** Everything availability depends on, for one clinic and one service. */
export interface SchedulingContext {
  clinic: Pick<Clinic, 'timeZone' | 'holidays'>;
  service: Service;
  practitioners: readonly Practitioner[];
  rooms: readonly Room[];
  devices: readonly Device[];
  /** Existing bookings and holds of every status; cancelled ones and expired holds are ignored. */
  bookings: readonly Booking[];
  /** Other busy time: blocked by staff, maintenance, work at another clinic. */
  blocks?: readonly BusyInterval[];
  rules: BookingRules;
  /** The current instant, passed in: the domain never reads the clock. */
  now: Instant;
  /** Bookings being moved: their current time neither blocks the search nor counts towards a daily cap. */
  ignoreBookingIds?: readonly string[];
}

export interface AvailabilityInput extends SchedulingContext {
  /** Slots whose start lies in [from, to). */
  from: Instant;
  to: Instant;
  /** Only this practitioner. */
  practitionerId?: string;
}
