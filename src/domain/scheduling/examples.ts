// Small builders of scheduling data, for tests, the bench and API examples. Each
// returns plain data with sensible defaults that a caller overrides field by field.
import type {
  Booking,
  BookingRules,
  Clinic,
  Device,
  Practitioner,
  Room,
  Service,
  WallClockInterval,
  Weekday,
} from './types.ts';

export const WORKWEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

export function exampleClinic(overrides: Partial<Clinic> = {}): Clinic {
  return { id: 'clinic-1', name: 'Demo Dermatology', timeZone: 'America/New_York', holidays: [], ...overrides };
}

/** The same hours on each of `days`. */
export function weeklyHours(
  hours: readonly WallClockInterval[],
  days: readonly Weekday[] = WORKWEEK,
): Practitioner['weeklyHours'] {
  return Object.fromEntries(days.map((day) => [day, hours]));
}

export function examplePractitioner(id: string, overrides: Partial<Practitioner> = {}): Practitioner {
  return { id, weeklyHours: weeklyHours([{ start: '09:00', end: '17:00' }]), timeOff: [], ...overrides };
}

export function exampleService(overrides: Partial<Service> = {}): Service {
  return {
    id: 'microneedling-face',
    durationMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    practitionerIds: ['prac-a'],
    device: { kind: 'none' },
    ...overrides,
  };
}

export function exampleRooms(count: number, type = 'treatment'): Room[] {
  return Array.from({ length: count }, (_, index) => ({ id: `room-${index + 1}`, type }));
}

export function exampleDevices(count: number, deviceClass = 'pen'): Device[] {
  return Array.from({ length: count }, (_, index) => ({ id: `device-${index + 1}`, deviceClass }));
}

export const EXAMPLE_RULES: Readonly<BookingRules> = Object.freeze({
  minimumNoticeMinutes: 0,
  maxDaysAhead: 90,
  slotStepMinutes: 15,
  dailyCapPerPractitioner: null,
  cancellationNoticeMinutes: 24 * 60,
  moveNoticeMinutes: 24 * 60,
});

export function exampleBooking(overrides: Partial<Booking> & Pick<Booking, 'start' | 'end'>): Booking {
  return {
    id: 'booking-1',
    serviceId: 'microneedling-face',
    patientId: 'patient-1',
    practitionerId: 'prac-a',
    roomId: 'room-1',
    deviceId: null,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    status: 'confirmed',
    createdAt: '2026-01-05T10:00:00Z',
    updatedAt: '2026-01-05T10:00:00Z',
    version: 1,
    ...overrides,
  };
}
