// The scheduling set-up API's contract (issue 6): working hours, time blocks,
// booking rules, service settings, holidays and the waitlist. Shared by the
// server (validation, OpenAPI) and the staff screens. Pure: zod only.
import { z } from 'zod';
import { waitlistOfferSummarySchema } from './holds.ts';
import { instantSchema, serviceKindSchema } from './scheduling.ts';

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const localDateSchema = z
  .string()
  .refine(isRealDate, { message: 'Write a date as YYYY-MM-DD.' })
  .meta({ description: 'A local date in the clinic’s zone, e.g. 2026-12-24' });

const wallClockSchema = z.string().regex(HH_MM, 'Write a time as HH:MM (00:00 to 24:00).');

// --- working hours --------------------------------------------------------------

export const workingHoursSpanSchema = z
  .strictObject({
    /** ISO weekday: 1 Monday ... 7 Sunday. */
    weekday: z.int().min(1).max(7),
    startsAt: wallClockSchema,
    endsAt: wallClockSchema,
  })
  .refine((span) => span.startsAt < span.endsAt, { message: 'A span must end after it starts.', path: ['endsAt'] });
export type WorkingHoursSpanView = z.infer<typeof workingHoursSpanSchema>;

function overlapping(spans: readonly WorkingHoursSpanView[]): boolean {
  const sorted = [...spans].sort((a, b) => a.weekday - b.weekday || (a.startsAt < b.startsAt ? -1 : 1));
  return sorted.some(
    (span, index) =>
      index > 0 && sorted[index - 1]!.weekday === span.weekday && sorted[index - 1]!.endsAt > span.startsAt,
  );
}

export const workingHoursBodySchema = z.strictObject({
  hours: z
    .array(workingHoursSpanSchema)
    .max(50)
    .refine((spans) => !overlapping(spans), { message: 'Spans of one day must not overlap.' }),
});
export type WorkingHoursBody = z.infer<typeof workingHoursBodySchema>;

export const workingHoursResponseSchema = z.object({
  userId: z.uuid(),
  timeZone: z.string(),
  hours: z.array(z.object({ weekday: z.int(), startsAt: z.string(), endsAt: z.string() })),
});
export type WorkingHoursResponse = z.infer<typeof workingHoursResponseSchema>;

// --- time blocks -----------------------------------------------------------------

export const TIME_BLOCK_MAX_DAYS = 62;

export const timeBlockBodySchema = z
  .strictObject({
    practitionerId: z.uuid().optional(),
    roomId: z.uuid().optional(),
    deviceId: z.uuid().optional(),
    start: instantSchema,
    end: instantSchema,
    note: z.string().trim().max(500).optional(),
  })
  .refine((body) => body.practitionerId ?? body.roomId ?? body.deviceId, {
    message: 'Name the practitioner, room or device the block is for.',
    path: ['practitionerId'],
  })
  .refine((body) => Date.parse(body.start) < Date.parse(body.end), {
    message: 'A block must end after it starts.',
    path: ['end'],
  })
  .refine((body) => Date.parse(body.end) - Date.parse(body.start) <= TIME_BLOCK_MAX_DAYS * 86_400_000, {
    message: `A block lasts at most ${TIME_BLOCK_MAX_DAYS} days.`,
    path: ['end'],
  });
export type TimeBlockBody = z.infer<typeof timeBlockBodySchema>;

export const timeBlockSchema = z
  .object({
    id: z.uuid(),
    practitionerId: z.uuid().nullable(),
    roomId: z.uuid().nullable(),
    deviceId: z.uuid().nullable(),
    start: z.string(),
    end: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: 'TimeBlock' });
export type TimeBlockView = z.infer<typeof timeBlockSchema>;

export const timeBlockListQuerySchema = z.strictObject({
  from: instantSchema,
  to: instantSchema,
  /** Only this practitioner's blocks (their time off), when given. */
  practitionerId: z.uuid().optional(),
});
export const timeBlockListResponseSchema = z.object({ timeZone: z.string(), blocks: z.array(timeBlockSchema) });
export type TimeBlockListResponse = z.infer<typeof timeBlockListResponseSchema>;

// --- calendar resources ------------------------------------------------------------

export const calendarResourcesResponseSchema = z.object({
  timeZone: z.string(),
  practitioners: z.array(z.object({ id: z.uuid(), name: z.string() })),
  rooms: z.array(z.object({ id: z.uuid(), name: z.string() })),
  devices: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type CalendarResourcesResponse = z.infer<typeof calendarResourcesResponseSchema>;

/** Everyone who may give services and keep hours: practitioners, and clinic admins (who may treat). */
export const practitionerListResponseSchema = z.object({
  timeZone: z.string(),
  practitioners: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      role: z.enum(['practitioner', 'clinic_admin']),
      /** Gives at least one service (only then does a clinic admin get a calendar column). */
      givesServices: z.boolean(),
    }),
  ),
});
export type PractitionerListResponse = z.infer<typeof practitionerListResponseSchema>;

// --- booking rules -------------------------------------------------------------------

export const bookingRulesSchema = z.strictObject({
  minNoticeMinutes: z
    .int()
    .min(0)
    .max(60 * 24 * 30),
  maxDaysAhead: z.int().min(1).max(730),
  cancelNoticeHours: z
    .int()
    .min(0)
    .max(24 * 30),
  slotStepMinutes: z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(20), z.literal(30), z.literal(60)]),
  dailyCapPerPractitioner: z.int().min(1).max(100).nullable(),
  reminderOffsetsHours: z
    .array(
      z
        .int()
        .min(1)
        .max(24 * 14),
    )
    .max(5)
    .refine((offsets) => new Set(offsets).size === offsets.length, { message: 'Each reminder offset once.' }),
  holdMinutes: z.int().min(1).max(60),
});
export type BookingRulesView = z.infer<typeof bookingRulesSchema>;

export const bookingRulesResponseSchema = z.object({
  rules: z.object({
    minNoticeMinutes: z.int(),
    maxDaysAhead: z.int(),
    cancelNoticeHours: z.int(),
    slotStepMinutes: z.int(),
    dailyCapPerPractitioner: z.int().nullable(),
    reminderOffsetsHours: z.array(z.int()),
    holdMinutes: z.int(),
  }),
  /** False while the clinic runs on the defaults. */
  customised: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type BookingRulesResponse = z.infer<typeof bookingRulesResponseSchema>;

// --- services --------------------------------------------------------------------------

export const deviceClassSchema = z.enum(['mechanical_pen', 'roller']);
export type DeviceClass = z.infer<typeof deviceClassSchema>;

export const SERVICE_NAME_MAX = 100;

export const serviceSettingsBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(SERVICE_NAME_MAX).optional(),
    kind: serviceKindSchema.optional(),
    /** Whether a booking takes one of the clinic's rooms. */
    needsRoom: z.boolean().optional(),
    /** The class of device a booking takes, or null for none. */
    deviceClass: deviceClassSchema.nullable().optional(),
    durationMinutes: z.int().min(5).max(600).optional(),
    bufferBeforeMinutes: z.int().min(0).max(240).optional(),
    bufferAfterMinutes: z.int().min(0).max(240).optional(),
    priceCents: z.int().min(0).max(10_000_000).optional(),
    active: z.boolean().optional(),
    practitionerIds: z
      .array(z.uuid())
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'Each practitioner once.' })
      .optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Change at least one setting.' });
export type ServiceSettingsBody = z.infer<typeof serviceSettingsBodySchema>;

export const serviceSettingsSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: serviceKindSchema,
    durationMinutes: z.int(),
    bufferBeforeMinutes: z.int(),
    bufferAfterMinutes: z.int(),
    priceCents: z.int(),
    currency: z.string(),
    active: z.boolean(),
    needsRoom: z.boolean(),
    deviceClass: deviceClassSchema.nullable(),
    practitionerIds: z.array(z.uuid()),
  })
  .meta({ id: 'ServiceSettings' });
export type ServiceSettingsView = z.infer<typeof serviceSettingsSchema>;

export const serviceSettingsListResponseSchema = z.object({ services: z.array(serviceSettingsSchema) });
export type ServiceSettingsListResponse = z.infer<typeof serviceSettingsListResponseSchema>;

// --- holidays ---------------------------------------------------------------------------

export const holidayBodySchema = z.strictObject({ day: localDateSchema, name: z.string().trim().min(1).max(100) });
export const holidaySchema = z.object({ day: z.string(), name: z.string() });
export const holidayListResponseSchema = z.object({ holidays: z.array(holidaySchema) });
export type HolidayListResponse = z.infer<typeof holidayListResponseSchema>;

// --- waitlist -----------------------------------------------------------------------------

export const waitlistBodySchema = z
  .strictObject({
    patientId: z.uuid(),
    serviceId: z.uuid(),
    practitionerId: z.uuid().optional(),
    windowStart: localDateSchema,
    windowEnd: localDateSchema,
  })
  .refine((body) => body.windowStart <= body.windowEnd, {
    message: 'The window must end on or after its start.',
    path: ['windowEnd'],
  });
export type WaitlistBody = z.infer<typeof waitlistBodySchema>;

export const waitlistEntrySchema = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    patientName: z.string(),
    serviceId: z.uuid(),
    practitionerId: z.uuid().nullable(),
    windowStart: z.string(),
    windowEnd: z.string(),
    waitingSince: z.string(),
    /** The latest slot offered to the patient (POST /waitlist/:id/offers); null when none. */
    offer: waitlistOfferSummarySchema.nullable().optional(),
  })
  .meta({ id: 'WaitlistEntry' });
export type WaitlistEntryView = z.infer<typeof waitlistEntrySchema>;

export const waitlistListResponseSchema = z.object({ entries: z.array(waitlistEntrySchema) });
export type WaitlistListResponse = z.infer<typeof waitlistListResponseSchema>;

export const waitlistOffersQuerySchema = z.strictObject({
  start: instantSchema,
  practitionerId: z.uuid(),
  serviceId: z.uuid(),
});
