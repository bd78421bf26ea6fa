// The booking API's contract (issue 6): request bodies, query strings and answers
// of /api/v1/services, /api/v1/availability, /api/v1/bookings and /api/v1/series.
// The server validates with these schemas and the browser's booking screens parse
// the answers with them, so the two sides cannot drift apart. Pure: zod only.
//
// Every instant is ISO 8601 with an offset (`2026-03-09T09:15:00-04:00`); answers are
// written in the clinic's offset at that moment. A naive timestamp names no instant
// and is refused (400).
import { z } from 'zod';
import { parseInstant } from '../scheduling/zoned-time.ts';
import { answersSchema, decisionSchema, isoDateSchema, screeningReasonSchema } from './assessment.ts';

export const SCHEDULING_LIMITS = {
  /** Longest range one availability search may cover. */
  availabilityMaxDays: 62,
  seriesMinSessions: 2,
  seriesMaxSessions: 12,
  gapDaysMax: 365,
  idempotencyKeyMax: 100,
  noteMax: 500,
} as const;

/** The header that makes POST /bookings and POST /series safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

function isInstant(text: string): boolean {
  try {
    parseInstant(text);
    return true;
  } catch {
    return false;
  }
}

/** ISO 8601 with an explicit offset or Z; naive and impossible timestamps are refused. */
export const instantSchema = z
  .string()
  .max(40)
  .refine(isInstant, { message: 'Write an instant as ISO 8601 with an offset, e.g. 2026-03-09T09:15:00-04:00.' })
  .meta({ description: 'ISO 8601 with an offset, e.g. 2026-03-09T09:15:00-04:00' });

export const serviceKindSchema = z.enum(['consultation', 'treatment']);
export type ServiceKind = z.infer<typeof serviceKindSchema>;

export const bookableServiceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  durationMinutes: z.int(),
  priceCents: z.int(),
  currency: z.string(),
  kind: serviceKindSchema,
});
export type BookableService = z.infer<typeof bookableServiceSchema>;

export const servicesResponseSchema = z.object({ services: z.array(bookableServiceSchema) });
export type ServicesResponse = z.infer<typeof servicesResponseSchema>;

// --- availability -------------------------------------------------------------

export const availabilityQuerySchema = z.strictObject({
  serviceId: z.uuid(),
  from: instantSchema,
  to: instantSchema,
  practitionerId: z.uuid().optional(),
});
export type AvailabilityQuery = z.infer<typeof availabilityQuerySchema>;

export const slotSchema = z.object({
  start: z.string(),
  end: z.string(),
  practitionerId: z.uuid(),
  roomId: z.uuid(),
  deviceId: z.uuid().nullable(),
  /** The practitioner's display name (additive; absent from older answers). */
  practitionerName: z.string().optional(),
});
export type SlotView = z.infer<typeof slotSchema>;

/** A practitioner named in an answer: the id used in slots and bookings, and the name to show. */
export const practitionerNameSchema = z.object({ id: z.uuid(), displayName: z.string() });
export type PractitionerName = z.infer<typeof practitionerNameSchema>;

export const availabilityResponseSchema = z.object({
  /** The clinic's IANA zone: show times in it, and label them. */
  timeZone: z.string(),
  slots: z.array(slotSchema),
  /** Who gives the service, with names (additive; absent from older answers). */
  practitioners: z.array(practitionerNameSchema).optional(),
});
export type AvailabilityResponse = z.infer<typeof availabilityResponseSchema>;

// --- bookings -----------------------------------------------------------------

/** POST /api/v1/bookings. Price and duration always come from the server. */
export const createBookingBodySchema = z.strictObject({
  serviceId: z.uuid(),
  start: instantSchema,
  practitionerId: z.uuid().optional(),
  /** Staff only (and then required); a patient books for themselves. */
  patientId: z.uuid().optional(),
  /** Confirms this hold (POST /api/v1/holds, or a waitlist offer): the held row becomes the appointment. */
  holdId: z.uuid().optional(),
});
export type CreateBookingBody = z.infer<typeof createBookingBodySchema>;

export const bookingStatusSchema = z.enum(['confirmed', 'cancelled']);
export type BookingStatusView = z.infer<typeof bookingStatusSchema>;

export const bookingSchema = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  patientId: z.uuid(),
  practitionerId: z.uuid(),
  roomId: z.uuid().nullable(),
  deviceId: z.uuid().nullable(),
  start: z.string(),
  end: z.string(),
  status: bookingStatusSchema,
  priceCents: z.int(),
  currency: z.string(),
  /** Send it back as `If-Match: "<version>"` to move the booking. */
  version: z.int(),
  seriesId: z.uuid().nullable(),
  seriesIndex: z.int().nullable(),
  /** Why staff should look at this booking (e.g. a pre-session check-in said "not yet"); absent or null: nothing. */
  flaggedReason: z.string().nullable().optional(),
  /** Display names of the practitioner, room and device (additive; null when unknown or none). */
  practitionerName: z.string().nullable().optional(),
  roomName: z.string().nullable().optional(),
  deviceName: z.string().nullable().optional(),
});
export type BookingView = z.infer<typeof bookingSchema>;

export const bookingListQuerySchema = z.strictObject({ from: instantSchema, to: instantSchema });
export type BookingListQuery = z.infer<typeof bookingListQuerySchema>;

export const bookingListResponseSchema = z.object({ timeZone: z.string(), bookings: z.array(bookingSchema) });
export type BookingListResponse = z.infer<typeof bookingListResponseSchema>;

/** One later session of a series as proposed by a 409 series_window, sent back to accept it. */
export const acceptedSessionSchema = z.strictObject({
  bookingId: z.uuid(),
  start: instantSchema,
  practitionerId: z.uuid(),
  /** The session's version when the proposal was made: a session changed since is refused (412). */
  version: z.int().min(1),
});
export type AcceptedSession = z.infer<typeof acceptedSessionSchema>;

/** PATCH /api/v1/bookings/:id with `If-Match: "<version>"`. */
export const moveBookingBodySchema = z
  .strictObject({
    start: instantSchema,
    practitionerId: z.uuid().optional(),
    /**
     * A session of a series whose move would push a later session out of its window:
     * without `reflow` the answer is 409 series_window with a proposal; with `reflow: true`
     * this session and the later ones move together, in one transaction, or none does.
     */
    reflow: z
      .boolean()
      .optional()
      .meta({
        description:
          'Series only. true: move this session and reschedule the later sessions that would leave their windows, ' +
          'all or none (409 slot_unavailable naming the session when one is taken).',
      }),
    /**
     * With `reflow: true`: the later sessions exactly as the 409 proposal showed them
     * (rescheduled ones only). Left out, the server proposes again and applies that.
     */
    laterSessions: z.array(acceptedSessionSchema).max(SCHEDULING_LIMITS.seriesMaxSessions).optional(),
  })
  .refine((body) => body.laterSessions === undefined || body.reflow === true, {
    message: 'laterSessions go with reflow: true.',
    path: ['laterSessions'],
  });
export type MoveBookingBody = z.infer<typeof moveBookingBodySchema>;

export const sessionChangeSchema = z.enum(['unchanged', 'moved', 'kept', 'rescheduled']);
export type SessionChange = z.infer<typeof sessionChangeSchema>;

/** One session of a series in a reflow proposal. */
export const reflowSessionSchema = z.object({
  /** The session's number in the series (1-based, as seriesIndex). */
  index: z.int(),
  bookingId: z.uuid(),
  /** unchanged (before the moved one), moved, kept (still inside its window), rescheduled (new date proposed). */
  change: sessionChangeSchema,
  /** Inclusive local dates (YYYY-MM-DD) of the window the session must fall in after the previous one. */
  windowStart: z.string(),
  windowEnd: z.string(),
  /** Where the session is now. */
  currentStart: z.string(),
  start: z.string(),
  end: z.string(),
  practitionerId: z.uuid(),
  practitionerName: z.string().optional(),
  roomId: z.uuid().nullable(),
  deviceId: z.uuid().nullable(),
  /** The session's version now: send it back in laterSessions to accept the proposal. */
  version: z.int(),
});
export type ReflowSessionView = z.infer<typeof reflowSessionSchema>;

export const reflowProposalSchema = z
  .object({
    timeZone: z.string(),
    sessions: z.array(reflowSessionSchema),
  })
  .meta({
    id: 'SeriesReflowProposal',
    description: 'The series after the move: the moved session, the later ones kept, and new dates for the others.',
  });
export type ReflowProposal = z.infer<typeof reflowProposalSchema>;

// POST /api/v1/bookings/:id/cancel takes no body and answers the cancelled booking.

// --- series -------------------------------------------------------------------

const sessionsCount = z.int().min(SCHEDULING_LIMITS.seriesMinSessions).max(SCHEDULING_LIMITS.seriesMaxSessions);
const gapDays = z.int().min(1).max(SCHEDULING_LIMITS.gapDaysMax);

/** POST /api/v1/series/proposals. */
export const seriesProposalBodySchema = z
  .strictObject({
    serviceId: z.uuid(),
    sessions: sessionsCount,
    minGapDays: gapDays,
    maxGapDays: gapDays,
    earliestStart: instantSchema,
    practitionerId: z.uuid().optional(),
  })
  .refine((body) => body.minGapDays <= body.maxGapDays, {
    message: 'minGapDays must not exceed maxGapDays.',
    path: ['maxGapDays'],
  });
export type SeriesProposalBody = z.infer<typeof seriesProposalBodySchema>;

export const proposedSessionSchema = z.object({
  /** 1-based. */
  index: z.int(),
  /**
   * Inclusive local dates (YYYY-MM-DD) of the window this session must fall in. Session 1
   * has no previous session: its window opens on the earliest start's date (and runs to the
   * last date the clinic books series for); later ones are the previous date + [min, max] days.
   */
  windowStart: z.string(),
  windowEnd: z.string(),
  start: z.string(),
  end: z.string(),
  practitionerId: z.uuid(),
  roomId: z.uuid(),
  deviceId: z.uuid().nullable(),
  /** The practitioner's display name (additive). */
  practitionerName: z.string().optional(),
});
export type ProposedSessionView = z.infer<typeof proposedSessionSchema>;

export const seriesProposalResponseSchema = z.object({
  timeZone: z.string(),
  sessions: z.array(proposedSessionSchema),
});
export type SeriesProposalResponse = z.infer<typeof seriesProposalResponseSchema>;

/** POST /api/v1/series: books every session or none. */
export const createSeriesBodySchema = z
  .strictObject({
    serviceId: z.uuid(),
    sessions: z
      .array(z.strictObject({ start: instantSchema, practitionerId: z.uuid() }))
      .min(SCHEDULING_LIMITS.seriesMinSessions)
      .max(SCHEDULING_LIMITS.seriesMaxSessions),
    minGapDays: gapDays,
    maxGapDays: gapDays,
    /** Staff only (and then required). */
    patientId: z.uuid().optional(),
  })
  .refine((body) => body.minGapDays <= body.maxGapDays, {
    message: 'minGapDays must not exceed maxGapDays.',
    path: ['maxGapDays'],
  });
export type CreateSeriesBody = z.infer<typeof createSeriesBodySchema>;

export const seriesResponseSchema = z.object({
  id: z.uuid(),
  timeZone: z.string(),
  bookings: z.array(bookingSchema),
});
export type SeriesResponse = z.infer<typeof seriesResponseSchema>;

// --- pre-session check-in -------------------------------------------------------

/** POST /api/v1/bookings/:id/check-ins (the booking's patient, treatment sessions only). */
export const checkInBodySchema = answersSchema
  .pick({
    pregnant_or_breastfeeding: true,
    isotretinoin: true,
    active_infection_in_area: true,
    cold_sore_history: true,
    sunburn_in_area: true,
    toxin_in_area_date: true,
    filler_in_area_date: true,
    retinoid_last_used: true,
  })
  .extend({
    new_medicines: z
      .string()
      .max(500)
      .optional()
      .describe('New medicines since the assessment, in the patient’s words; stored for staff, not screened'),
  })
  .meta({
    id: 'BookingCheckIn',
    description:
      'Re-screening answers before a treatment session, with the ids of the assessment questions. An answer left ' +
      'out keeps the one from the latest assessment. A cold sore now is active_infection_in_area: true.',
  });
export type CheckInBody = z.infer<typeof checkInBodySchema>;

export const checkInResponseSchema = z
  .object({
    decision: decisionSchema,
    flagged: z.boolean().describe('True when the booking was flagged for staff: not for this session as things stand'),
    reasons: z.array(screeningReasonSchema).optional().describe('Only when flagged'),
    earliestDate: isoDateSchema.optional().describe('Only when flagged and the wait has a computable end'),
    suggestedSlots: z
      .array(slotSchema)
      .optional()
      .describe('Only when flagged: the first free slots of the same service on or after earliestDate'),
  })
  .meta({ id: 'BookingCheckInResult' });
export type CheckInResponse = z.infer<typeof checkInResponseSchema>;

/**
 * Problem codes of these routes (RFC 9457 `code`): `slot_unavailable` (409, with
 * `sessionIndex` for a series), `series_unavailable` (409, with `sessionIndex` and
 * `reason`), `series_window` (409: a move would take a session out of its window; with
 * `proposal` when later sessions could be rescheduled), `idempotency_key_reused` (422),
 * `version_conflict` (412), `precondition_required` (428), `notice_period` (409: too
 * close to the start for a patient to move or cancel).
 */
export const SCHEDULING_PROBLEM_CODES = [
  'slot_unavailable',
  'series_unavailable',
  'series_window',
  'idempotency_key_reused',
  'version_conflict',
  'precondition_required',
  'notice_period',
] as const;
export type SchedulingProblemCode = (typeof SCHEDULING_PROBLEM_CODES)[number];
