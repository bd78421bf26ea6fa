// The scheduling set-up API as the clinic-setup screens use it: weekly hours, time
// off (blocks on a practitioner), service settings, booking rules and holidays.
// Answers are parsed with the server's own contract
// (src/domain/contracts/scheduling-admin.ts), and every wall-clock time is read on
// the clinic's clocks with the scheduling domain's zone arithmetic, never the
// browser's.
import { requestJson, fetchJson } from '../api/fetch-json.ts';
import {
  bookingRulesResponseSchema,
  holidayListResponseSchema,
  holidaySchema,
  practitionerListResponseSchema,
  serviceSettingsListResponseSchema,
  serviceSettingsSchema,
  timeBlockListResponseSchema,
  timeBlockSchema,
  workingHoursResponseSchema,
  type BookingRulesView,
  type ServiceSettingsBody,
  type TimeBlockBody,
  type WorkingHoursSpanView,
} from '../../../domain/contracts/scheduling-admin.ts';
import { dayNumber, firstInstantAtOrAfter, wallClockInstants } from '../../../domain/scheduling/zoned-time.ts';

export type {
  BookingRulesResponse,
  BookingRulesView,
  DeviceClass,
  PractitionerListResponse,
  ServiceSettingsView,
  TimeBlockView,
  WorkingHoursSpanView,
} from '../../../domain/contracts/scheduling-admin.ts';

export const clinicSetupApi = {
  practitioners: (signal?: AbortSignal) => fetchJson('/api/v1/practitioners', practitionerListResponseSchema, signal),
  workingHours: (userId: string, signal?: AbortSignal) =>
    fetchJson(`/api/v1/practitioners/${userId}/working-hours`, workingHoursResponseSchema, signal),
  saveWorkingHours: (userId: string, hours: WorkingHoursSpanView[]) =>
    requestJson(`/api/v1/practitioners/${userId}/working-hours`, workingHoursResponseSchema, {
      method: 'PUT',
      body: { hours },
    }),
  timeOff: (practitionerId: string, from: string, to: string, signal?: AbortSignal) =>
    fetchJson(
      `/api/v1/time-blocks?${new URLSearchParams({ from, to, practitionerId }).toString()}`,
      timeBlockListResponseSchema,
      signal,
    ),
  addBlock: (body: TimeBlockBody) => requestJson('/api/v1/time-blocks', timeBlockSchema, { method: 'POST', body }),
  removeBlock: (id: string) => requestJson(`/api/v1/time-blocks/${id}`, undefined, { method: 'DELETE' }),
  services: (signal?: AbortSignal) => fetchJson('/api/v1/service-settings', serviceSettingsListResponseSchema, signal),
  saveService: (id: string, body: ServiceSettingsBody) =>
    requestJson(`/api/v1/services/${id}`, serviceSettingsSchema, { method: 'PATCH', body }),
  bookingRules: (signal?: AbortSignal) => fetchJson('/api/v1/booking-rules', bookingRulesResponseSchema, signal),
  saveBookingRules: (rules: BookingRulesView) =>
    requestJson('/api/v1/booking-rules', bookingRulesResponseSchema, { method: 'PUT', body: rules }),
  holidays: (signal?: AbortSignal) => fetchJson('/api/v1/holidays', holidayListResponseSchema, signal),
  addHoliday: (day: string, name: string) =>
    requestJson('/api/v1/holidays', holidaySchema, { method: 'POST', body: { day, name } }),
  removeHoliday: (day: string) => requestJson(`/api/v1/holidays/${day}`, undefined, { method: 'DELETE' }),
};

/**
 * The instant the clinic's clocks read `time` ("HH:MM", "24:00" allowed) on `date`
 * ("YYYY-MM-DD"): the first one in a repeated hour, the end of the jump in a gap.
 */
export function clinicInstant(zone: string, date: string, time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const minute = hours * 60 + minutes;
  const day = dayNumber(date);
  return wallClockInstants(zone, day, minute)[0] ?? firstInstantAtOrAfter(zone, day, minute);
}
